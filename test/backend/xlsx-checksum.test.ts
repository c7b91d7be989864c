// A workbook altered or damaged after it was saved: each part read is held to the CRC-32
// the zip's central directory records for it, so a flipped digit in an amount is
// refused, naming the file and the part, and nothing is imported.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBudgets } from '../../electron/backend/budgets/import';
import { importProxy } from '../../electron/backend/proxies/import';
import { alteredAfterSaving } from '../fuzz/hostile';
import { workbookParts, zip, type Cell } from '../fuzz/xlsx';
import { CANONICAL_HEADER } from '../helpers/budget';
import { dumpDb } from '../helpers/db';
import { refusedWith, useProjects } from '../helpers/project';

const { tmp, fresh } = useProjects('spendmap-checksum-');

const LINE: Cell[] = CANONICAL_HEADER.map((h) => ({ ref: 'C-1', partner: 'Kingston Hospital NHS Foundation Trust', partner_type: 'health', amount_gbp: 1000, basis: 'population' })[h as string] ?? null);
const budget = () => workbookParts({ sheets: [{ name: 'Budget', rows: [[...CANONICAL_HEADER], LINE] }] });

function write(name: string, bytes: Buffer): string {
  const path = join(tmp(), name);
  writeFileSync(path, bytes);
  return path;
}

/** The zip's central directory: where it starts, from the end record. */
const directoryStart = (z: Buffer) => z.readUInt32LE(z.length - 22 + 16);

describe('zip checksums', () => {
  it('a budget whose amount was altered after saving (1000 made 9000) is refused, naming the file and the sheet', async () => {
    const project = fresh();
    const before = dumpDb(project.db);
    const good = zip(budget());
    expect(await importBudgets(fresh(), { file: { path: write('good.xlsx', alteredAfterSaving(good, '<v>1000</v>', '<v>1000</v>')) } })).toMatchObject({ imported: 1, totalPence: 100_000 });
    const path = write('altered.xlsx', alteredAfterSaving(good, '<v>1000</v>', '<v>9000</v>'));
    const e = await refusedWith(importBudgets(project, { file: { path } }));
    expect(e.code).toBe('INPUT');
    expect(e.message).toMatch(/^altered\.xlsx: this file cannot be read as an Excel workbook \(\.xlsx\) \(the sheet "Budget" \(xl\/worksheets\/sheet1\.xml\) fails its checksum \(CRC-32\)/);
    expect(dumpDb(project.db)).toEqual(before);
  });

  it('a deflated part whose recorded CRC-32 is wrong is refused by the proxy import too, naming the part', async () => {
    const parts = workbookParts({ sheets: [{ name: 'Proxy', rows: [['ward_code', 'value'], ['E05013938', 10]] }] });
    const z = zip(parts);
    // The workbook part's entry in the central directory: its CRC-32 is 16 bytes in.
    const entry = z.indexOf('xl/workbook.xml', directoryStart(z)) - 46;
    expect(z.readUInt32LE(entry)).toBe(0x02014b50);
    z.writeUInt32LE(z.readUInt32LE(entry + 16) ^ 1, entry + 16);
    const e = await refusedWith(importProxy(fresh(), { file: { path: write('proxy.xlsx', z) }, name: 'crc_test' }));
    expect(e.message).toMatch(/^proxy\.xlsx: .*the part xl\/workbook\.xml fails its checksum/);
  });

  it('a sheet that is in the archive but not in its central directory (which Excel reads) is refused', async () => {
    const all = zip(budget());
    const listed = zip(budget().filter((p) => p.name !== 'xl/worksheets/sheet1.xml'));
    // The parts of `all`, then the directory of `listed` (without the sheet), pointed at.
    const local = all.subarray(0, directoryStart(all));
    const directory = listed.subarray(directoryStart(listed));
    const end = directory.subarray(directory.length - 22);
    end.writeUInt32LE(local.length, 16);
    const e = await refusedWith(importBudgets(fresh(), { file: { path: write('unlisted.xlsx', Buffer.concat([local, directory])) } }));
    expect(e.message).toMatch(/^unlisted\.xlsx: .*the sheet "Budget" \(xl\/worksheets\/sheet1\.xml\) is not in its table of contents/);
  });

  it('the central directory is found behind a zip comment that holds the bytes of an end record, and through a zip64 end record', async () => {
    const z = zip(budget());
    const end = Buffer.from(z.subarray(z.length - 22));
    const comment = Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(30, 0xff)]);
    end.writeUInt16LE(comment.length, 20);
    const commented = Buffer.concat([z.subarray(0, z.length - 22), end, comment]);
    expect(await importBudgets(fresh(), { file: { path: write('comment.xlsx', commented) } })).toMatchObject({ imported: 1, totalPence: 100_000 });

    // The same archive with its end record in zip64 form: sizes and offset in a record of their own.
    const entries = z.readUInt16LE(z.length - 22 + 10);
    const cdSize = z.readUInt32LE(z.length - 22 + 12);
    const cdStart = directoryStart(z);
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(entries), 24);
    record.writeBigUInt64LE(BigInt(entries), 32);
    record.writeBigUInt64LE(BigInt(cdSize), 40);
    record.writeBigUInt64LE(BigInt(cdStart), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(z.length - 22), 8);
    locator.writeUInt32LE(1, 16);
    const end64 = Buffer.from(z.subarray(z.length - 22));
    end64.writeUInt16LE(0xffff, 8);
    end64.writeUInt16LE(0xffff, 10);
    end64.writeUInt32LE(0xffffffff, 12);
    end64.writeUInt32LE(0xffffffff, 16);
    const zip64 = Buffer.concat([z.subarray(0, z.length - 22), record, locator, end64]);
    expect(await importBudgets(fresh(), { file: { path: write('zip64.xlsx', zip64) } })).toMatchObject({ imported: 1, totalPence: 100_000 });
  });

  it('a workbook cut short before its central directory is refused as incomplete', async () => {
    const z = zip(budget());
    const e = await refusedWith(importBudgets(fresh(), { file: { path: write('cut.xlsx', z.subarray(0, directoryStart(z))) } }));
    expect(e.message).toMatch(/^cut\.xlsx: this file cannot be read as an Excel workbook \(\.xlsx\) \(it is not a complete zip archive\)/);
  });
});
