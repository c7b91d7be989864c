// Business-case proposals (issue 17): stored in the project (table `proposals`), with
// audit and undo like every other edit, imported and exported as proposal.json, and
// evaluated by the exact engine against the project's own baseline.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError, inputError, type Problem } from '../../../shared/contract/result';
import type { FileInput } from '../../../shared/contract/schemas';
import { parseProposal, type Proposal, type ProposalProblem } from '../../../shared/domain/proposal';
import { CbaError, evaluateProposal, searchUnitCosts, type CbaContext, type CbaEvaluation } from '../../../shared/engine/cba';
import { findUnitCost, unitCostDatabase } from './unit-costs';
import type { Project } from '../project/project';
import { writeAudit } from '../audit/log';
import { lineKeyByRef } from '../budgets/lines-store';
import { allocationOf } from '../mapping/allocation';
import { record } from '../history/service';
import { findNeighbourhood } from '../neighbourhoods/service';
import { deleteProposalRow, insertProposal, insertProposalRow, proposalById, proposalByName, proposalNameTaken, proposalRows, updateProposal, type ProposalRow } from './proposals-store';

/** A proposal.json is a few kilobytes; anything far larger is not one. */
const MAX_PROPOSAL_BYTES = 2 * 1024 * 1024;

export interface ProposalSummary {
  id: number;
  name: string;
  neighbourhood: string;
  years: number;
  updatedAt: string;
}

type Row = ProposalRow;

const summaryOf = (r: Row): ProposalSummary => ({
  id: r.id,
  name: r.name,
  neighbourhood: r.neighbourhood,
  years: (JSON.parse(r.body) as Proposal).years,
  updatedAt: r.updated_at,
});

const toProblems = (ps: ProposalProblem[], file?: string): Problem[] =>
  ps.map((p) => ({ ...(file ? { file } : {}), column: p.field, message: p.message }));

function refuse(ps: ProposalProblem[], file?: string): AppError {
  const first = ps[0]!;
  return inputError(`The proposal was refused${file ? ` (${file})` : ''}: ${first.field}: ${first.message}${ps.length > 1 ? ` (and ${ps.length - 1} more)` : ''}. Nothing was changed.`, toProblems(ps, file));
}

/** Validates a proposal, refusing it with every problem's field named. */
export function validProposal(input: unknown, file?: string): Proposal {
  const r = parseProposal(input);
  if (!r.ok) throw refuse(r.problems, file);
  return r.proposal;
}

export function listProposals(project: Project): ProposalSummary[] {
  return proposalRows(project.db).map(summaryOf);
}

function rowByName(project: Project, name: string): Row | undefined {
  return proposalByName(project.db, name.trim());
}

function requireRow(project: Project, name: string): Row {
  const row = rowByName(project, name);
  if (!row) {
    const names = listProposals(project).map((p) => p.name);
    throw new AppError('NOT_FOUND', `There is no proposal "${name}" in this project.${names.length ? ` It has: ${names.join(', ')}.` : ' Create one on the Business case screen, or import a proposal.json.'}`);
  }
  return row;
}

export function getProposal(project: Project, name: string): Proposal {
  return JSON.parse(requireRow(project, name).body) as Proposal;
}

/** The project's side of a proposal: unit costs from the database, line amounts from the allocation. */
export function cbaContext(project: Project, neighbourhood: string): CbaContext {
  const n = findNeighbourhood(project, neighbourhood);
  const tracker = allocationOf(project).neighbourhood(n.wards);
  const allocation = allocationOf(project);
  return {
    unitCost: (code) => {
      const u = findUnitCost(code);
      return u ? { costGbp: u.cost_gbp, priceYear: u.price_year } : undefined;
    },
    lineAmount: (ref) => {
      const line = lineKeyByRef(project.db, ref.trim());
      if (!line) return { missing: `"${ref}" is not a line of this project: use a ref from the Budgets screen` };
      const r = allocation.result(line.id);
      if (!r || !r.ok) return { missing: `line ${line.ref} is not allocated to wards${r && !r.ok ? ` (${r.reason})` : ''}, so its neighbourhood amount is unknown` };
      return { pence: tracker.lineFigures(line.id)?.pence ?? 0 };
    },
  };
}

export function evaluate(project: Project, p: Proposal, file?: string): CbaEvaluation {
  let ctx: CbaContext;
  try {
    ctx = cbaContext(project, p.neighbourhood);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') throw refuse([{ field: 'neighbourhood', message: e.message }], file);
    throw e;
  }
  try {
    return evaluateProposal(p, ctx);
  } catch (e) {
    if (e instanceof CbaError) throw refuse(e.problems, file);
    throw e;
  }
}

/** Creates or replaces a proposal (one transaction, audited, undoable); `previousName` renames. */
export function saveProposal(project: Project, input: unknown, opts: { previousName?: string | undefined; source: string; file?: string }): ProposalSummary {
  const p = validProposal(input, opts.file);
  evaluate(project, p, opts.file); // refuses what cannot be evaluated: unknown codes, refs, neighbourhood
  const canonical = { ...p, neighbourhood: findNeighbourhood(project, p.neighbourhood).name };
  const body = JSON.stringify(canonical);
  return project.tx(() => {
    const old = rowByName(project, opts.previousName ?? p.name) ?? null;
    const clash = rowByName(project, p.name);
    if (clash && clash.id !== old?.id)
      throw inputError(`There is already a proposal called "${clash.name}". Choose another name.`, [{ column: 'name', message: `"${p.name}" is taken` }]);
    const at = new Date().toISOString();
    let id: number;
    const values = { name: p.name, neighbourhood: canonical.neighbourhood, body, updatedAt: at };
    if (old) {
      updateProposal(project.db, old.id, values);
      id = old.id;
    } else id = insertProposal(project.db, values);
    const after = rowByName(project, p.name)!;
    record(project, `${old ? 'edit' : 'add'} proposal ${p.name}`, [{ kind: 'proposal', id, before: old, after }]);
    writeAudit(project.db, [{ action: old ? 'update' : 'create', entity: 'proposal', entityId: id, ref: p.name, oldValue: old?.body ?? null, newValue: body, note: opts.source }], at);
    return summaryOf(after);
  });
}

export function deleteProposal(project: Project, name: string, source: string): boolean {
  const row = rowByName(project, name);
  if (!row) return false;
  project.tx(() => {
    deleteProposalRow(project.db, row.id);
    record(project, `delete proposal ${row.name}`, [{ kind: 'proposal', id: row.id, before: row, after: null }]);
    writeAudit(project.db, [{ action: 'delete', entity: 'proposal', entityId: row.id, ref: row.name, oldValue: row.body, note: source }]);
  });
  return true;
}

/** A proposal row as stored, for undo and redo (history/service.ts). */
export type { ProposalRow };

/**
 * Puts a proposal row back as it was (undo) or forward (redo), refusing when it has
 * changed since: `expect` is how it must be now, `set` how it will be.
 */
export function restoreProposal(project: Project, id: number, expect: Row | null, set: Row | null, conflict: (why: string) => Error): void {
  const now = proposalById(project.db, id) ?? null;
  if (JSON.stringify(now) !== JSON.stringify(expect)) throw conflict(`the proposal ${(expect ?? set)?.name ?? id} has changed since.`);
  if (set && proposalNameTaken(project.db, set.name, id))
    throw conflict(`another proposal is now called ${set.name}.`);
  deleteProposalRow(project.db, id);
  if (set) insertProposalRow(project.db, set);
}

/** Reads a proposal.json (a path or bytes from a file picker), bounded, as JSON. */
export function readProposalFile(file: FileInput): { fileName: string; json: unknown } {
  let fileName: string;
  let bytes: Buffer;
  if ('path' in file) {
    fileName = basename(file.path);
    let size: number;
    try {
      size = statSync(file.path).size;
    } catch {
      throw new AppError('INPUT', `${fileName}: the file cannot be read. Check the name and that it exists.`);
    }
    if (size > MAX_PROPOSAL_BYTES) throw new AppError('INPUT', `${fileName}: is ${Math.round(size / 1024)} KB; a proposal.json is at most 2 MB. Is it the right file?`);
    bytes = readFileSync(file.path);
  } else {
    fileName = basename(file.name);
    bytes = Buffer.from(file.base64, 'base64');
    if (bytes.length > MAX_PROPOSAL_BYTES) throw new AppError('INPUT', `${fileName}: a proposal.json is at most 2 MB. Is it the right file?`);
  }
  try {
    return { fileName, json: JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) };
  } catch (e) {
    throw inputError(`${fileName}: is not valid JSON (${(e as Error).message}). Export a proposal from Spendmap to see the format.`, [
      { file: fileName, message: `is not valid JSON: ${(e as Error).message}` },
    ]);
  }
}

export function importProposal(project: Project, file: FileInput): { summary: ProposalSummary; fileName: string } {
  const { fileName, json } = readProposalFile(file);
  const name = typeof json === 'object' && json !== null && typeof (json as { name?: unknown }).name === 'string' ? (json as { name: string }).name : undefined;
  return { summary: saveProposal(project, json, { previousName: name, source: `imported from ${fileName}`, file: fileName }), fileName };
}

export const proposalFileName = (name: string): string => `${name.replace(/[^\p{L}\p{N} _.-]+/gu, '-').trim() || 'proposal'}.json`;

export function exportProposal(project: Project, name: string): { fileName: string; json: string } {
  const p = getProposal(project, name);
  return { fileName: proposalFileName(p.name), json: JSON.stringify(p, null, 2) + '\n' };
}

export function unitCostSearch(q: { theme?: string | undefined; words?: string | undefined; limit?: number | undefined }) {
  const db = unitCostDatabase();
  const all = searchUnitCosts(db.all, { theme: q.theme, words: q.words });
  return { title: db.title, attribution: db.attribution, themes: db.themes, count: all.length, entries: all.slice(0, q.limit ?? 200) };
}
