// Numbered schema migrations, applied in order on PRAGMA user_version.
// Append only: a shipped migration never changes.
import * as m001 from './001-initial';
import * as m002 from './002-history';
import * as m003 from './003-proposals';
import * as m004 from './004-agreement';
import * as m005 from './005-years';
import * as m006 from './006-audit-who';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'initial', up: m001.up },
  { version: 2, name: 'history', up: m002.up },
  { version: 3, name: 'proposals', up: m003.up },
  { version: 4, name: 'agreement', up: m004.up },
  { version: 5, name: 'years', up: m005.up },
  { version: 6, name: 'audit-who', up: m006.up },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
