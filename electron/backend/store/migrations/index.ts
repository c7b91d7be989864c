// Numbered schema migrations, applied in order on PRAGMA user_version.
// Append only: a shipped migration never changes.
import * as m001 from './001-initial';
import * as m002 from './002-history';
import * as m005 from './005-years';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'initial', up: m001.up },
  { version: 2, name: 'history', up: m002.up },
  // Numbered 005 to stay clear of other branches' 003/004; the lead renumbers at merge.
  { version: 3, name: 'years', up: m005.up },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
