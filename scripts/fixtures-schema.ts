// Makes test/fixtures/schemas/v<N>.spendmap from v<N-1> by applying migration N alone
// (no migrate audit row, no backup): a project as schema N saved it, for the
// migration tests. Run once when a migration is added: tsx scripts/fixtures-schema.ts N
import Database from 'better-sqlite3';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from '../electron/backend/store/migrations';

const version = Number(process.argv[2]);
const dir = join(__dirname, '..', 'test', 'fixtures', 'schemas');
const from = join(dir, `v${version - 1}.spendmap`);
const to = join(dir, `v${version}.spendmap`);
const migration = MIGRATIONS.find((m) => m.version === version);
if (!migration || !existsSync(from) || existsSync(to)) throw new Error(`usage: tsx scripts/fixtures-schema.ts N (needs v${version - 1}, a migration ${version} and no v${version} yet)`);
copyFileSync(from, to);
const db = new Database(to);
db.pragma('journal_mode = DELETE');
db.transaction(() => {
  db.exec(migration.up);
  db.pragma(`user_version = ${version}`);
})();
db.close();
console.log(`wrote ${to}`);
