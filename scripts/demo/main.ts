// npm run demo:build: regenerates resources/demo/kingston-council-2023-24.csv from ../shared/data.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildCouncilCsv } from './build';

const dataDir = resolve(process.argv[2] ?? join(__dirname, '../../../shared/data'));
const out = join(__dirname, '../../resources/demo/kingston-council-2023-24.csv');
writeFileSync(out, buildCouncilCsv(dataDir));
console.log(`wrote ${out}`);
