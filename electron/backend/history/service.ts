// Undo and redo of grid edits, kept in the project file (table `history`) so they
// survive a restart. Each entry holds exactly what one user action changed: fields of
// lines (before → after), whole lines created or deleted, partner types and direct
// ward figures. Undo puts the "before" back only where nothing has changed since;
// otherwise it refuses and says why, rather than overwrite later work.
import { AppError } from '../../../shared/contract/result';
import type { Project } from '../project/project';
import { writeAudit } from '../audit/log';
import { deleteLineRows, insertLineColumns, lineColumns, refTaken, setLineColumns } from '../budgets/lines-store';
import { addLineWardFigures, lineWardFigures, replaceLineWardFigures } from '../mapping/direct-figures-store';
import { partnerExists, partnerType, setPartnerType } from '../budgets/partners-store';
import { expectedColumns } from '../store/verify';
import { markHistoryEntry, nextHistoryEntry, pushHistoryEntry } from './history-store';
import { checkAgreementChange, restoreAgreements, type AgreementChange } from '../packs/agreement-history';
import { restoreProposal, type ProposalRow } from '../business-case/proposals';

/** The proposals table's columns: a history entry naming any other is refused. */
const PROPOSAL_COLUMNS = new Set(['id', 'name', 'neighbourhood', 'body', 'updated_at']);

type Value = string | number | null;
export type LineRow = Record<string, Value>;

export type Change =
  | { kind: 'update'; line: number; ref: string; fields: Record<string, [Value, Value]> }
  | { kind: 'create'; row: LineRow }
  | { kind: 'delete'; row: LineRow; direct: [string, number][] }
  | { kind: 'partnerType'; partner: number; name: string; before: string; after: string }
  | { kind: 'direct'; line: number; ref: string; before: [string, number][]; after: [string, number][] }
  | { kind: 'proposal'; id: number; before: ProposalRow | null; after: ProposalRow | null }
  | AgreementChange;

/** Entries kept: older ones are dropped. */
const KEEP = 200;

export function lineRow(project: Project, id: number): LineRow | null {
  return lineColumns(project.db, id) as LineRow | null;
}

export function directRows(project: Project, id: number): [string, number][] {
  return lineWardFigures(project.db, id);
}

/** The fields that differ between two versions of a line's row. */
export function rowDiff(before: LineRow, after: LineRow): Record<string, [Value, Value]> {
  const out: Record<string, [Value, Value]> = {};
  for (const k of Object.keys(after)) if (before[k] !== after[k]) out[k] = [before[k] ?? null, after[k] ?? null];
  return out;
}

/** Records one user action (inside the caller's transaction); a new action clears redo. */
export function record(project: Project, label: string, changes: Change[]): void {
  if (!changes.length) return;
  pushHistoryEntry(project.db, label, JSON.stringify(changes), KEEP);
}

interface Entry {
  id: number;
  label: string;
  /** The changes as the file holds them: checked (checkedChanges) before they are applied. */
  json: string;
}

function entry(project: Project, undone: 0 | 1): Entry | null {
  const row = nextHistoryEntry(project.db, undone ? 'redo' : 'undo');
  return row ? { id: row.id, label: String(row.label), json: row.changes } : null;
}

/**
 * The history is read from the file, which anyone may have edited: every column it
 * names must be one of spend_lines' own (a fixed list from our migrations), every value
 * plain, every id an integer. Anything else refuses the whole entry, so undo never
 * builds SQL from a name the file chose.
 */
function checkedChanges(id: number, json: string): Change[] {
  const refuseEntry = (why: string) =>
    new AppError('PROJECT_FILE', `The undo history in this project (entry ${id}) ${why}: it was changed outside Spendmap, so it is not used. Nothing was changed.`);
  let changes: unknown;
  try {
    changes = JSON.parse(json);
  } catch {
    throw refuseEntry('is not readable');
  }
  if (!Array.isArray(changes)) throw refuseEntry('is not a list of changes');
  const lineCols = new Set(expectedColumns('spend_lines'));
  const plain = (v: unknown) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
  const isId = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;
  const figures = (f: unknown) =>
    Array.isArray(f) && f.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string' && Number.isSafeInteger(x[1]));
  const row = (r: unknown) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw refuseEntry('holds a line that is not a row');
    for (const [k, v] of Object.entries(r)) {
      if (!lineCols.has(k)) throw refuseEntry(`names a column "${k.slice(0, 40)}" that lines do not have`);
      if (!plain(v)) throw refuseEntry(`holds a value of ${k} that is not plain text or a number`);
    }
    if (!isId((r as LineRow).id)) throw refuseEntry('holds a line without a valid id');
  };
  for (const c of changes as Change[]) {
    if (typeof c !== 'object' || c === null) throw refuseEntry('holds a change that is not one');
    switch (c.kind) {
      case 'update':
        if (!isId(c.line) || typeof c.fields !== 'object' || c.fields === null) throw refuseEntry('holds an edit without a line');
        for (const [k, v] of Object.entries(c.fields)) {
          if (!lineCols.has(k) || k === 'id') throw refuseEntry(`names a column "${k.slice(0, 40)}" that lines do not have`);
          if (!Array.isArray(v) || v.length !== 2 || !plain(v[0]) || !plain(v[1])) throw refuseEntry(`holds a value of ${k} that is not plain text or a number`);
        }
        break;
      case 'create':
        row(c.row);
        break;
      case 'delete':
        row(c.row);
        if (!figures(c.direct)) throw refuseEntry('holds ward figures that are not codes and amounts');
        break;
      case 'partnerType':
        if (!isId(c.partner) || typeof c.before !== 'string' || typeof c.after !== 'string') throw refuseEntry('holds a partner type change that is not one');
        break;
      case 'direct':
        if (!isId(c.line) || !figures(c.before) || !figures(c.after)) throw refuseEntry('holds ward figures that are not codes and amounts');
        break;
      case 'proposal': {
        // Restored through fixed SQL (restoreProposal); only the values come from here.
        const proposal = (r: unknown) =>
          r === null ||
          (typeof r === 'object' && !Array.isArray(r) && Object.entries(r).every(([k, v]) => PROPOSAL_COLUMNS.has(k) && plain(v)) && isId((r as { id?: unknown }).id));
        if (!isId(c.id) || !proposal(c.before) || !proposal(c.after)) throw refuseEntry('holds a proposal change that is not one');
        break;
      }
      case 'agreement':
        checkAgreementChange(c, refuseEntry);
        break;
      default:
        throw refuseEntry('holds a change of an unknown kind');
    }
  }
  return changes as Change[];
}

export function historyState(project: Project): { undo: string | null; redo: string | null } {
  return { undo: entry(project, 0)?.label ?? null, redo: entry(project, 1)?.label ?? null };
}

/** Line ids an entry touches: what the engine must re-apportion. */
export function touchedLines(changes: Change[]): number[] {
  return changes.flatMap((c) => (c.kind === 'proposal' || c.kind === 'agreement' ? [] : c.kind === 'update' || c.kind === 'direct' ? [c.line] : c.kind === 'partnerType' ? [] : [Number(c.row.id)]));
}

const refOf = (row: LineRow) => String(row.ref);

function conflict(label: string, why: string): AppError {
  return new AppError('CONFLICT', `Cannot ${label}: ${why} Nothing was changed.`);
}

/** Applies one change forwards (redo) or backwards (undo), checking nothing moved since. */
function apply(project: Project, c: Change, dir: 'undo' | 'redo', label: string): void {
  const db = project.db;
  const [from, to] = dir === 'undo' ? [1, 0] : [0, 1];
  switch (c.kind) {
    case 'update': {
      const now = lineRow(project, c.line);
      if (!now) throw conflict(label, `line ${c.ref} has been deleted since.`);
      for (const [col, values] of Object.entries(c.fields))
        if (now[col] !== values[from]) throw conflict(label, `line ${c.ref} has changed since (${col}).`);
      setLineColumns(db, c.line, Object.fromEntries(Object.entries(c.fields).map(([k, v]) => [k, v[to]])));
      return;
    }
    case 'partnerType': {
      const now = partnerType(db, c.partner);
      const [want, set] = dir === 'undo' ? [c.after, c.before] : [c.before, c.after];
      if (now !== want) throw conflict(label, `the type of ${c.name} has changed since.`);
      setPartnerType(db, c.partner, set);
      return;
    }
    case 'create':
    case 'delete': {
      // Is the line there now? Undoing a create or redoing a delete removes it.
      const present = (c.kind === 'create') !== (dir === 'redo');
      const id = Number(c.row.id);
      if (present) {
        // Remove the line (undo a create, redo a delete): it must be as it was.
        const now = lineRow(project, id);
        if (!now) throw conflict(label, `line ${refOf(c.row)} has been deleted since.`);
        const diff = rowDiff(c.row, now);
        if (Object.keys(diff).length) throw conflict(label, `line ${refOf(c.row)} has changed since.`);
        deleteLineRows(db, [id]);
      } else {
        // Put the line back (undo a delete, redo a create), with its id and ward figures.
        if (lineRow(project, id)) throw conflict(label, `line ${refOf(c.row)} already exists.`);
        if (refTaken(db)(String(c.row.ref)))
          throw conflict(label, `another line now has the ref ${refOf(c.row)}.`);
        if (!partnerExists(db, c.row.partner_id)) throw conflict(label, `its partner no longer exists.`);
        insertLineColumns(db, c.row);
        if (c.kind === 'delete') addLineWardFigures(db, id, c.direct);
      }
      return;
    }
    case 'proposal':
      return dir === 'undo' ? restoreProposal(project, c.id, c.after, c.before, (why) => conflict(label, why)) : restoreProposal(project, c.id, c.before, c.after, (why) => conflict(label, why));
    case 'agreement':
      return restoreAgreements(project, c, dir, (why) => conflict(label, why));
    case 'direct': {
      const [want, set] = dir === 'undo' ? [c.after, c.before] : [c.before, c.after];
      if (JSON.stringify(directRows(project, c.line)) !== JSON.stringify(want)) throw conflict(label, `the ward figures of ${c.ref} have changed since.`);
      replaceLineWardFigures(db, c.line, set);
      return;
    }
  }
}

/** Undoes (or redoes) the latest action; returns its label and the lines it touched. */
export function step(project: Project, dir: 'undo' | 'redo'): { label: string | null; lines: number[] } {
  const e = entry(project, dir === 'undo' ? 0 : 1);
  if (!e) return { label: null, lines: [] };
  const label = `${dir} "${e.label}"`;
  const changes = checkedChanges(e.id, e.json);
  project.tx(() => {
    const ordered = dir === 'undo' ? [...changes].reverse() : changes;
    for (const c of ordered) apply(project, c, dir, label);
    markHistoryEntry(project.db, e.id, dir === 'undo');
    writeAudit(project.db, [{ action: dir, entity: 'history', entityId: e.id, newValue: changes, note: `${dir === 'undo' ? 'Undid' : 'Redid'}: ${e.label}` }]);
  });
  return { label: e.label, lines: touchedLines(changes) };
}
