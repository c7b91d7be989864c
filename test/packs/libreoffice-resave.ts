// A pack as LibreOffice Calc saves it (what a partner using Calc sends back): a real
// soffice run with a private profile, the copy written into outDir under the same name.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { recalcProfile, sofficePath } from '../../scripts/lib/libreoffice';

export function libreOfficeResave(file: string, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  const r = spawnSync(
    sofficePath(),
    [`-env:UserInstallation=${pathToFileURL(recalcProfile()).href}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, file],
    { encoding: 'utf8', timeout: 300_000 },
  );
  if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
  return join(outDir, basename(file));
}
