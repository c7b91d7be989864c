// npm run reference:build — rebuilds resources/reference/ from ../shared/data:
// the packs, the ward crosswalks between them, and each pack's ward map shapes.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildPack, PACK_IDS, serialisePack } from './build';
import { buildCrosswalk, CROSSWALKS, serialiseCrosswalk } from './crosswalk';
import { buildShapes, serialiseShapesIndex } from './shapes';
import { writeUnitCosts } from '../appraisal/build';

const dataDir = resolve(process.argv[2] ?? join(__dirname, '../../../shared/data'));
const outDir = resolve(process.argv[3] ?? join(__dirname, '../../resources/reference'));
mkdirSync(outDir, { recursive: true });
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const packs = [];
for (const id of PACK_IDS) {
  let started = Date.now();
  const pack = buildPack(id, dataDir);
  const text = serialisePack(pack);
  writeFileSync(join(outDir, `${id}.json`), text);
  console.log(`${id}: ${pack.wards.length} wards in ${pack.authorities.length} authorities (${Date.now() - started} ms)`);

  started = Date.now();
  const shapes = buildShapes(pack, dataDir);
  const shapesDir = join(outDir, 'shapes', id);
  rmSync(shapesDir, { recursive: true, force: true }); // no stale authority left behind
  mkdirSync(shapesDir, { recursive: true });
  for (const a of shapes.authorities) writeFileSync(join(shapesDir, `${a.lad}.json`), a.text);
  const shapesIndex = serialiseShapesIndex(id, shapes);
  writeFileSync(join(shapesDir, 'index.json'), shapesIndex);
  const bytes = shapes.authorities.reduce((s, a) => s + Buffer.byteLength(a.text), 0);
  console.log(`${id} shapes: ${shapes.authorities.length} files, ${bytes} bytes (${Date.now() - started} ms)`);

  packs.push({
    id,
    title: pack.title,
    file: `${id}.json`,
    sha256: sha256(text),
    wards: pack.wards.length,
    authorities: pack.authorities.length,
    shapes: { index: `shapes/${id}/index.json`, sha256: sha256(shapesIndex), bytes },
  });
}

const crosswalks = [];
const crosswalkDir = join(outDir, 'crosswalks');
mkdirSync(crosswalkDir, { recursive: true });
for (const [from, to] of CROSSWALKS) {
  const started = Date.now();
  const text = serialiseCrosswalk(buildCrosswalk(dataDir, from, to));
  const file = `crosswalks/${from}-${to}.json`;
  writeFileSync(join(outDir, file), text);
  crosswalks.push({ from, to, file, sha256: sha256(text) });
  console.log(`crosswalk ${from} → ${to}: ${text.length} bytes (${Date.now() - started} ms)`);
}
writeFileSync(join(outDir, 'index.json'), JSON.stringify({ format: 1, packs, crosswalks }, null, 2) + '\n');
console.log(`unit costs: ${writeUnitCosts(dataDir, outDir)} entries`); // business case (scripts/appraisal)
