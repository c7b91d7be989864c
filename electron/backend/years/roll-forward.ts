// Roll forward (issue 15 item 4): next year's project from this one. Same authority,
// pack, partners, settings, neighbourhoods; every line of this year carried over with
// its ref and amount, marked "carried forward — to confirm" until edited; custom
// proxies keep their year (this year's when they had none); direct figures are marked
// as this year's, i.e. last year's in the new file.
import { basename } from 'node:path';
import { AppError } from '../../../shared/contract/result';
import { parseFinancialYear } from '../../../shared/domain/fields';
import type { Project } from '../project/project';
import { writeAudit } from '../audit/log';
import { carryLines, refsOutsideYear } from '../budgets/lines-store';
import { markWardFiguresYear } from '../mapping/direct-figures-store';
import { dateUndatedCustomProxies } from '../proxies/proxies-store';
import { clearHistory } from '../history/history-store';
import { clearAgreements } from '../packs/agreements-store';
import { setProjectYear } from '../project/project-store';
import { writeSuccessor } from './store';

export function carriedNote(year: string): string {
  return `carried forward from ${year} — to confirm`;
}

export function rollForward(project: Project, input: { year: string; out: string; force?: boolean | undefined }) {
  const parsed = parseFinancialYear(input.year);
  if (!parsed.ok) throw new AppError('INPUT', `--year: ${parsed.message}`);
  const s = project.settings();
  const year = parsed.value;
  if (year <= s.year) throw new AppError('INPUT', `--year: ${year} is not after the project's year ${s.year}. Roll forward to a later year, e.g. ${nextYear(s.year)}.`);
  const leftOut = refsOutsideYear(project.db, s.year);
  let lines = 0;
  const path = writeSuccessor(project, input.out, input.force ?? false, (db) => {
    const name = s.name.includes(s.year) ? s.name.split(s.year).join(year) : `${s.name} ${year}`;
    setProjectYear(db, name, year, new Date().toISOString());
    // Lines of another year are not this year's to carry (they are outside its totals too).
    lines = carryLines(db, s.year, year, carriedNote(s.year));
    markWardFiguresYear(db, s.year);
    dateUndatedCustomProxies(db, s.year);
    // Undo steps belong to the file they were made in.
    clearHistory(db);
    // Last year's sign-offs agreed last year's figures: the carried lines are to confirm, not agreed.
    clearAgreements(db);
    writeAudit(db, [
      {
        action: 'roll-forward',
        entity: 'project',
        note: `Rolled forward from ${basename(project.path)} (${s.year}) to ${year}: ${lines} lines carried over to confirm${leftOut.length ? `; ${leftOut.length} lines of other years left out` : ''}`,
      },
    ]);
  });
  return { path, fileName: basename(path), year, lines, leftOut };
}

export function nextYear(year: string): string {
  const y = Number(year.slice(0, 4)) + 1;
  return `${y}-${String((y + 1) % 100).padStart(2, '0')}`;
}
