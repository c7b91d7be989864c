// npm run reference:build — rebuilds resources/reference/ from ../shared/data.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildPack, PACK_IDS, serialisePack } from './build';
import { writeUnitCosts } from '../appraisal/build';

const dataDir = resolve(process.argv[2] ?? join(__dirname, '../../../shared/data'));
const outDir = resolve(process.argv[3] ?? join(__dirname, '../../resources/reference'));
mkdirSync(outDir, { recursive: true });

const index = [];
for (const id of PACK_IDS) {
  const started = Date.now();
  const pack = buildPack(id, dataDir);
  const text = serialisePack(pack);
  writeFileSync(join(outDir, `${id}.json`), text);
  index.push({
    id,
    title: pack.title,
    file: `${id}.json`,
    sha256: createHash('sha256').update(text).digest('hex'),
    wards: pack.wards.length,
    authorities: pack.authorities.length,
  });
  console.log(`${id}: ${pack.wards.length} wards in ${pack.authorities.length} authorities (${Date.now() - started} ms)`);
}
writeFileSync(join(outDir, 'index.json'), JSON.stringify({ format: 1, packs: index }, null, 2) + '\n');
console.log(`unit costs: ${writeUnitCosts(dataDir, outDir)} entries`); // business case (scripts/appraisal)
