// npm run test:electronegativity — Doyensec's Electronegativity over the Electron
// source (electron/), as CI runs it. Fails on any HIGH or MEDIUM finding that
// docs/security.md does not explain (its "Electronegativity" table lists each
// accepted finding by check id and file). Runs offline: the check that fetches
// Electron's release list is left out, and the Electron version is the one installed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths';

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
  description: string;
  manualReview?: boolean;
}

type Run = (
  options: Record<string, unknown>,
  forCli: boolean,
) => Promise<{ issues: Finding[]; errors: { file: string; message: string; tolerable: boolean }[] }>;

function electronVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    const range = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.electron ?? '';
    return range.replace(/^[^\d]*/, '');
  }
}

/** Findings docs/security.md accepts: rows of its table "| CHECK_ID | file | why |". */
function accepted(): Set<string> {
  const doc = readFileSync(join(repoRoot, 'docs', 'security.md'), 'utf8');
  const out = new Set<string>();
  for (const m of doc.matchAll(/^\|\s*`?([A-Z_]+_CHECK)`?\s*\|\s*`?([^|`]+?)`?\s*\|/gm)) out.add(`${m[1]} ${m[2]!.trim()}`);
  return out;
}

async function main(): Promise<void> {
  const run = require('@doyensec/electronegativity') as Run;
  const version = electronVersion();
  const result = await run(
    {
      input: join(repoRoot, 'electron'),
      isRelative: true,
      electronVersionOverride: version,
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      customScan: [],
    },
    false,
  );
  const ok = accepted();
  const rows = result.issues.map((i) => ({
    id: i.id,
    severity: i.severity.name,
    confidence: i.confidence.name,
    where: `${i.file}:${i.location.line}:${i.location.column}`,
    file: i.file,
    accepted: ok.has(`${i.id} ${i.file}`),
    description: i.description,
  }));
  process.stdout.write(`electronegativity on electron/ (Electron ${version}): ${rows.length} finding${rows.length === 1 ? '' : 's'}\n`);
  for (const r of rows) process.stdout.write(`  ${r.severity.padEnd(13)} ${r.confidence.padEnd(9)} ${r.id} ${r.where}${r.accepted ? ' (explained in docs/security.md)' : ''}: ${r.description}\n`);
  const parseErrors = result.errors.filter((e) => !e.tolerable);
  for (const e of parseErrors) process.stdout.write(`  could not parse ${e.file}: ${e.message}\n`);
  const blocking = rows.filter((r) => (r.severity === 'HIGH' || r.severity === 'MEDIUM') && !r.accepted);
  if (blocking.length || parseErrors.length) {
    process.stdout.write(`FAILED: ${blocking.length} high/medium finding(s) not explained in docs/security.md, ${parseErrors.length} file(s) not scanned\n`);
    process.exitCode = 1;
  } else process.stdout.write('no unexplained high or medium finding\n');
}

void main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`);
  process.exitCode = 1;
});
