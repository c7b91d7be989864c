// LibreOffice headless as an independent spreadsheet engine: it recalculates a
// workbook on load (a private profile forces that) and writes every sheet as CSV.
// Used by the pack recalculation tests and by the benchmark's spreadsheet peer.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

// The private profile: recalculate every formula on load, and record that this version
// of LibreOffice has been started before. Without that record a fresh profile looks like
// a first start after an upgrade, and every headless start runs LibreOffice's graphics
// self-tests first (about 3.4 s of a 3.9 s start on the CI machine), which a user's
// LibreOffice does once.
const profileXml = (version: string | null) => `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
${version ? `<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>${version}</value></prop></item>\n` : ''}</oor:items>
`;

/** "7.4" from "LibreOffice 7.4.7.2 40(Build:2)"; null when the version can't be read. */
export function libreOfficeVersion(versionLine: string): string | null {
  const m = /\b(\d+)\.(\d+)(?:\.\d+)*\b/.exec(versionLine);
  return m ? `${m[1]}.${m[2]}` : null;
}

let profile: string | null = null;

/** A private LibreOffice profile that recalculates every formula on load. */
export function recalcProfile(): string {
  if (profile) return profile;
  const dir = mkdtempSync(join(tmpdir(), 'spendmap-lo-profile-'));
  mkdirSync(join(dir, 'user'), { recursive: true });
  const said = spawnSync(sofficePath(), ['--version'], { encoding: 'utf8', timeout: 30_000 });
  // Unreadable: no record (LibreOffice then runs its self-tests: slower, same results).
  writeFileSync(join(dir, 'user', 'registrymodifications.xcu'), profileXml(libreOfficeVersion(said.stdout ?? '')));
  return (profile = dir);
}

export function sofficePath(): string {
  for (const p of [process.env.SOFFICE, '/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice']) if (p && existsSync(p)) return p;
  throw new Error('LibreOffice (soffice) is not installed: run scripts/install-test-deps.sh');
}

export interface RecalcResult {
  /** Sheet name → rows of cell text as LibreOffice shows them after recalculating. */
  sheets: Map<string, string[][]>;
  ms: number;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * Opens the workbook in LibreOffice (recalculating every formula) and returns each
 * sheet's values as text. Numbers are written unformatted with full precision.
 */
export function recalculate(xlsx: string, opts: { timeoutMs?: number } = {}): RecalcResult {
  const out = mkdtempSync(join(tmpdir(), 'spendmap-lo-out-'));
  // Filter options: comma, quote, UTF-8, from line 1, no column formats, ..., "save cell
  // contents as shown" = false (raw values), ..., sheet -1 = every sheet to its own file.
  const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
  const started = performance.now();
  const r = spawnSync(
    sofficePath(),
    [`-env:UserInstallation=${pathToFileURL(recalcProfile()).href}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', filter, '--outdir', out, xlsx],
    { encoding: 'utf8', timeout: opts.timeoutMs ?? 300_000 },
  );
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr || r.stdout}`);
  const stem = basename(xlsx).replace(/\.xlsx$/i, '');
  const sheets = new Map<string, string[][]>();
  for (const f of readdirSync(out)) {
    if (!f.startsWith(`${stem}-`) || !f.endsWith('.csv')) continue;
    sheets.set(f.slice(stem.length + 1, -4), parseCsv(readFileSync(join(out, f), 'utf8')));
  }
  if (!sheets.size) {
    const single = join(out, `${stem}.csv`);
    if (existsSync(single)) sheets.set('', parseCsv(readFileSync(single, 'utf8')));
    else throw new Error(`soffice wrote no CSV for ${xlsx}: ${r.stdout} ${r.stderr}`);
  }
  return { sheets, ms };
}
