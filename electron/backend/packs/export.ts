// Export: one pack per partner and one per neighbourhood into a folder, all of them or
// none. Each pack is written to a hidden temporary file beside its target and flushed;
// only when every pack is written are they renamed into place. A failure or a cancel
// removes the temporary files and leaves the folder as it was.
import { existsSync, mkdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type ExcelJS from 'exceljs';
import { AppError } from '../../../shared/contract/result';
import type { PackFile } from '../../../shared/contract/packs';
import { checkOutputFolder, clearStalePartials } from '../files';
import type { Project } from '../project/project';
import { buildModel, type PackModel } from './model';
import { distinctNames, packFileName } from './names';
import { buildWorkbook, type PackSpec } from './writer';
import { addMapPicture, packMapPicture, type MapPicture } from '../maps/picture';

export interface ExportContext {
  progress?: (p: { done: number; total: number; message: string }) => void;
  signal?: AbortSignal;
}

interface Planned {
  name: string;
  spec: PackSpec;
}

function plan(model: PackModel): Planned[] {
  const specs: PackSpec[] = [
    ...model.partners.map(
      (partner): PackSpec => ({
        kind: 'partner',
        subject: partner.name,
        lines: model.lines.filter((l) => l.line.partner === partner.name),
        neighbourhoods: model.neighbourhoods.map((n, index) => ({ index, n })),
      }),
    ),
    ...model.neighbourhoods.map(
      (n, index): PackSpec => ({ kind: 'neighbourhood', subject: n.name, lines: model.lines, neighbourhoods: [{ index, n }] }),
    ),
  ];
  const names = distinctNames(
    specs.map((s) => packFileName([model.project.name, s.kind === 'partner' ? s.subject : `${s.subject} neighbourhood`], model.exportedAt)),
  );
  return specs.map((spec, i) => ({ name: names[i]!, spec }));
}

/** The default folder for packs: "packs" beside the project file. */
export function defaultPackFolder(project: Project): string {
  return join(dirname(resolve(project.path)), 'packs');
}

export function planPacks(project: Project) {
  const model = buildModel(project);
  return {
    folder: defaultPackFolder(project),
    packs: plan(model).map((p) => ({ name: p.name, kind: p.spec.kind, subject: p.spec.subject, lines: p.spec.lines.length })),
  };
}

let excel: typeof ExcelJS | null = null;
/** exceljs (the business case's workbook) is loaded on first use, not when the backend starts. */
export async function loadExcel(): Promise<typeof ExcelJS> {
  excel ??= (await import('exceljs')).default;
  return excel;
}

/** The pack's file: its sheets written as XML, each part deflated on the thread pool. */
function packFile(model: PackModel, spec: PackSpec, picture?: MapPicture): Promise<Buffer> {
  const wb = buildWorkbook(model, spec);
  addMapPicture(wb, picture);
  return wb.write(model.exportedAt);
}

/** Writes and flushes a file on the thread pool (the next pack is being built meanwhile). */
async function writeTemp(path: string, data: Uint8Array): Promise<void> {
  const fh = await open(path, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Renames every temporary file into place. Packs of the same names already there are
 * moved aside first and put back if any rename fails, so the folder ends with all the
 * new packs or all the old files.
 */
export function placeAll(items: { temp: string; final: string }[]): void {
  for (const t of items)
    if (existsSync(t.final) && !statSync(t.final).isFile())
      throw new AppError('INPUT', `A folder named "${basename(t.final)}" is in the way of a pack: no packs were written. Rename it or choose another folder.`);
  const aside: { final: string; backup: string }[] = [];
  const placed: string[] = [];
  try {
    for (const t of items) {
      if (!existsSync(t.final)) continue;
      const backup = `${t.temp}.old`;
      renameSync(t.final, backup);
      aside.push({ final: t.final, backup });
    }
    for (const t of items) {
      renameSync(t.temp, t.final);
      placed.push(t.final);
    }
  } catch (e) {
    for (const f of placed) rmQuiet(f);
    for (const a of aside) {
      try {
        renameSync(a.backup, a.final);
      } catch {
        /* left as .old beside it: better than lost */
      }
    }
    throw e;
  }
  for (const a of aside) rmQuiet(a.backup);
}

function rmQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* gone already */
  }
}

const tick = () => new Promise<void>((r) => setImmediate(r));

export async function exportPacks(project: Project, folderInput: string, ctx: ExportContext = {}): Promise<{ folder: string; files: PackFile[] }> {
  if (!isAbsolute(folderInput))
    throw new AppError('INPUT', `"${folderInput}" is not a full folder path. Give the whole path, e.g. ${defaultPackFolder(project)}.`);
  const folder = resolve(folderInput);
  checkOutputFolder(folder);
  try {
    mkdirSync(folder, { recursive: true });
    if (!statSync(folder).isDirectory()) throw new Error('not a folder');
  } catch (e) {
    throw new AppError('INPUT', `Cannot write packs to ${folder}: ${(e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message}. Choose another folder.`);
  }
  clearStalePartials(folder);
  const model = buildModel(project);
  const packs = plan(model);
  if (!packs.length) throw new AppError('INPUT', 'The project has no spend lines and no neighbourhood: there is nothing to export yet. Import a partner\'s budget first.');
  const total = packs.length;
  // The largest packs first, so compressing one overlaps building the many small ones.
  const order = [...packs].sort((a, b) => b.spec.lines.length - a.spec.lines.length);
  const temps: { temp: string; final: string; item: Planned; bytes: number }[] = [];
  const cancelled = () => new AppError('CANCELLED', 'Export cancelled: no packs were written.');
  // A pack is compressed (zlib, on the thread pool) and saved while the next one is built.
  let saving: Promise<void> = Promise.resolve();
  const save = (item: Planned, file: Promise<Buffer>) => async () => {
    const bytes = await file;
    const final = join(folder, item.name);
    const temp = join(folder, `.${item.name}.${process.pid}.${Date.now()}.partial`);
    temps.push({ temp, final, item, bytes: bytes.length });
    await writeTemp(temp, bytes);
  };
  try {
    for (let i = 0; i < order.length; i++) {
      if (ctx.signal?.aborted) throw cancelled();
      const item = order[i]!;
      ctx.progress?.({ done: i, total, message: `Writing pack ${i + 1} of ${total}: ${item.spec.subject}` });
      await tick();
      // Each pack's map is drawn as it is built (tens of ms), between the ticks that keep the loop free.
      const file = packFile(model, item.spec, packMapPicture(project, item.spec));
      file.catch(() => undefined); // handled: awaited by its save
      await saving;
      saving = save(item, file)();
      saving.catch(() => undefined); // handled: awaited before the next pack, or in the catch below
    }
    await saving;
    if (ctx.signal?.aborted) throw cancelled();
    ctx.progress?.({ done: total, total, message: `Saving ${total} pack${total === 1 ? '' : 's'} in ${folder}` });
    placeAll(temps);
  } catch (e) {
    await saving.catch(() => undefined);
    for (const t of temps) rmQuiet(t.temp);
    if (e instanceof AppError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOSPC') throw new AppError('INPUT', `The disk holding ${folder} is full: no packs were written. Free some space or choose another folder.`);
    if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EBUSY')
      throw new AppError('INPUT', `Cannot write in ${folder} (${err.code === 'EBUSY' ? 'a pack of the same name is open in another program' : 'permission denied'}): no packs were written. Close the file or choose another folder.`);
    throw e;
  }
  const position = new Map(packs.map((p, i) => [p.name, i]));
  temps.sort((a, b) => position.get(a.item.name)! - position.get(b.item.name)!);
  return {
    folder,
    files: temps.map((t) => ({
      name: t.item.name,
      path: t.final,
      kind: t.item.spec.kind,
      subject: t.item.spec.subject,
      lines: t.item.spec.lines.length,
      bytes: t.bytes,
    })),
  };
}
