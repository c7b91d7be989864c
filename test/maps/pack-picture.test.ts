// Each Excel pack carries its map as a picture on the Neighbourhood sheet: a real export
// of the demo, read back with exceljs.
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRegistry } from '../../electron/backend/handlers';
import { Session } from '../../electron/backend/session';
import { chromiumRasteriser } from '../../electron/backend/maps/png';
import { buildDemo } from '../../electron/backend/project/demo';

const registry = createRegistry();
let dir: string;
let session: Session;

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await registry.call(method, input, { session, progress: () => {}, signal: new AbortController().signal });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spendmap-pack-map-'));
  const path = join(dir, 'demo.spendmap');
  (await buildDemo(path)).close();
  session = new Session({ host: 'test', dataDir: dir, rasterise: chromiumRasteriser() });
  await call('project.open', { path });
}, 120_000);

afterAll(() => {
  session?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('every pack has its ward map as a PNG on the Neighbourhood sheet', async () => {
  const r = await call<{ files: { path: string; kind: string; subject: string }[] }>('packs.export', { folder: join(dir, 'packs') });
  expect(r.files.length).toBeGreaterThan(1);
  for (const f of r.files) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f.path);
    const ws = wb.getWorksheet('Neighbourhood')!;
    const images = ws.getImages();
    expect(images, f.subject).toHaveLength(1);
    const media = wb.getImage(Number(images[0]!.imageId)) as unknown as { extension: string; buffer: Buffer };
    expect(media.extension).toBe('png');
    const png = Buffer.from(media.buffer);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(640);
    // To the right of the sheet's tables, so it covers none of their cells.
    expect(images[0]!.range.tl.nativeCol).toBeGreaterThanOrEqual(ws.columnCount);
  }
}, 180_000);
