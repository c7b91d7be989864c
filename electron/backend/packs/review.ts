// Reading a pack that came back: which lines the partner changed (matched by ref), and
// how. The base is what the pack held when it was exported (kept in its hidden
// "Spendmap" sheet), so only the partner's edits count as changes; the project's value
// now is shown beside it, with a warning when the project changed that field since.
// Nothing here writes to the project. The workbook is read with the bounded streaming
// reader (review-read.ts); the Lines and Allocation sheets are judged in
// review-lines.ts and review-direct.ts.
import { createHash } from 'node:crypto';
import type { FileInput } from '../../../shared/contract/methods';
import type { PackChange, PackField, PackReview } from '../../../shared/contract/packs';
import { AppError, type Problem } from '../../../shared/contract/result';
import { compareText } from '../../../shared/engine';
import type { Project } from '../project/project';
import { allLines, fieldContext } from '../budgets/lines';
import { ALLOCATION_COLUMNS, cellRef, LINE_COLUMNS, LINES_HEADER_ROW, PACK_FORMAT, SHEETS, decodeSnapshot, snapshotFingerprint, type LineSnapshot } from './layout';
import { projectFingerprint } from './model';
import { reviewDirect } from './review-direct';
import { reviewLines, type ChangePlan, type ReviewState } from './review-lines';
import { reviewAgreement } from './review-signoff';
import type { SignOff } from './signoff';
import { readPackFile, textOf, type PackSheet } from './review-read';
import { matchKey, wardCode } from '../../../shared/domain/fields';

export type { ChangePlan } from './review-lines';

export interface Reviewed {
  review: PackReview;
  plans: Map<string, ChangePlan>;
  /** The sign-off as packs/agreement.ts records it. */
  signOff: SignOff | null;
}

function brokenPack(file: string, problems: Problem[]): AppError {
  return new AppError(
    'INPUT',
    `${file}: the pack's structure was changed, so Spendmap cannot tell which cell is which. Nothing was read. Export a fresh pack, or undo the change listed.`,
    { problems },
  );
}

/** The pack's hidden record: key/value rows at the top, one line snapshot a row below. */
function packRecord(file: string, meta: PackSheet | null, project: Project): Map<string, string> {
  if (!meta)
    throw new AppError('INPUT', `${file}: this is not a Spendmap pack (it has no hidden "${SHEETS.meta}" sheet). Only packs exported by Spendmap can be read back; import other budget files in Partners & budgets.`);
  const info = new Map<string, string>();
  for (let r = 1; r < 30; r++) {
    const k = textOf(meta.raw(r, 1));
    if (k) info.set(k, textOf(meta.raw(r, 2)));
  }
  if (info.get('format') !== PACK_FORMAT)
    throw new AppError('INPUT', `${file}: this pack's format (${info.get('format') || 'unknown'}) is not one this version of Spendmap reads (${PACK_FORMAT}).`);
  const settings = project.settings();
  if (info.get('project') !== projectFingerprint(project))
    throw new AppError(
      'INPUT',
      `${file}: this pack was exported from another project, "${info.get('projectName') ?? '?'}" (${info.get('ladName') ?? '?'}, ${info.get('year') ?? '?'}), not from the open project "${settings.name}". Open that project to review it; nothing was changed.`,
      { problems: [{ file, message: `exported from "${info.get('projectName') ?? '?'}", not "${settings.name}"` }] },
    );
  return info;
}

/** The sheets, headers and ward columns the review reads must be where the pack put them. */
function checkStructure(file: string, info: Map<string, string>, lines: PackSheet | null, allocation: PackSheet | null, wardCodes: string[]) {
  const structure: Problem[] = [];
  if (!lines) structure.push({ file, message: `the sheet "${SHEETS.lines}" is missing or was renamed.` });
  if (!allocation) structure.push({ file, message: `the sheet "${SHEETS.allocation}" is missing or was renamed.` });
  if ((info.get('wards') ?? '') !== wardCodes.join(','))
    structure.push({ file, message: "the pack's wards are not this project's wards (the project's wards changed since it was exported)." });
  if (Number(info.get('linesHeaderRow')) !== LINES_HEADER_ROW) structure.push({ file, message: 'the pack was written with a different layout.' });
  const headerRow = Number(info.get('allocationHeaderRow'));
  const moneyCol = Number(info.get('moneyColumn'));
  if (!Number.isInteger(headerRow) || !Number.isInteger(moneyCol) || headerRow < 2 || moneyCol < 2) structure.push({ file, message: "the pack's hidden layout record is damaged." });
  const expect = (ws: PackSheet, sheet: string, row: number, col: number, want: string) => {
    const got = textOf(ws.raw(row, col)).trim();
    if (got !== want)
      structure.push({
        file,
        row,
        column: `${sheet}!${cellRef(col, row)}`,
        value: got,
        message: `should be the heading "${want}" but is ${got ? `"${got}"` : 'empty'}: a row or column was inserted, deleted or moved.`,
      });
  };
  if (lines) LINE_COLUMNS.forEach((c, i) => expect(lines, SHEETS.lines, LINES_HEADER_ROW, i + 1, c.header));
  const packWards = allocationWards(info, wardCodes);
  if (!packWards) structure.push({ file, message: "the pack's record of its Allocation ward columns is damaged or names wards this project does not have." });
  if (allocation && structure.length === 0) {
    ALLOCATION_COLUMNS.forEach((c, i) => expect(allocation, SHEETS.allocation, headerRow, i + 1, c.header));
    packWards!.forEach((code, k) => {
      // Matched as a ward code is everywhere (trimmed, any case): a spreadsheet may retype it.
      const got = textOf(allocation.raw(headerRow, moneyCol + k));
      if (wardCode(got) !== code) expect(allocation, SHEETS.allocation, headerRow, moneyCol + k, code);
    });
  }
  if (structure.length) throw brokenPack(file, structure.slice(0, 50));
  return { lines: lines!, allocation: allocation!, headerRow, moneyCol, packWards: packWards! };
}

/**
 * The wards with a column on Allocation, in order: every ward in a partner pack, only the
 * neighbourhood's own in a neighbourhood pack (a pack without the record has every ward).
 * Null when the record names a ward twice or one the project does not have.
 */
function allocationWards(info: Map<string, string>, wardCodes: string[]): string[] | null {
  const recorded = info.get('allocationWards');
  if (recorded === undefined) return wardCodes;
  const codes = recorded.split(',').map(wardCode).filter((c) => c !== '');
  const known = new Set(wardCodes);
  if (new Set(codes).size !== codes.length || codes.some((c) => !known.has(c))) return null;
  if (info.get('kind') !== 'neighbourhood' && codes.length !== wardCodes.length) return null;
  return codes;
}

/** What was exported, line by line, from the hidden record. */
function exportedLines(file: string, meta: PackSheet, info: Map<string, string>): Map<string, LineSnapshot> {
  const snapshots = new Map<string, LineSnapshot>();
  for (let r = Number(info.get('snapshotRow')); r <= meta.rowCount; r++) {
    const json = textOf(meta.raw(r, 2));
    if (!json) continue;
    try {
      const s = decodeSnapshot(json);
      // The fingerprint written beside it: a snapshot that no longer matches was altered.
      if (snapshotFingerprint(s) !== textOf(meta.raw(r, 3))) throw new Error('fingerprint');
      snapshots.set(matchKey(s.ref), s);
    } catch {
      throw brokenPack(file, [{ file, message: 'the hidden record of the exported lines is damaged.' }]);
    }
  }
  return snapshots;
}

export async function reviewPack(project: Project, input: FileInput): Promise<Reviewed> {
  const pack = await readPackFile(input, [SHEETS.meta, SHEETS.lines, SHEETS.allocation, SHEETS.readMe]);
  const { file } = pack;
  const meta = pack.sheets.get(SHEETS.meta) ?? null;
  const info = packRecord(file, meta, project);
  const wardCodes = project.wards().map((w) => w.code).sort(compareText);
  const sheets = checkStructure(file, info, pack.sheets.get(SHEETS.lines) ?? null, pack.sheets.get(SHEETS.allocation) ?? null, wardCodes);

  const state: ReviewState = {
    file,
    current: new Map(allLines(project).map((l) => [matchKey(l.ref), l])),
    snapshots: exportedLines(file, meta!, info),
    ctx: fieldContext(project),
    problems: [],
    changes: [],
    plans: new Map(),
  };
  const lines = reviewLines(state, sheets.lines);
  const missingRefs = [...state.snapshots.values()].filter((s) => !lines.seen.has(matchKey(s.ref))).map((s) => s.ref).sort(compareText);
  reviewDirect(state, sheets.allocation, { headerRow: sheets.headerRow, moneyCol: sheets.moneyCol, wardCodes: sheets.packWards, live: info.get('kind') !== 'neighbourhood', exportedAt: info.get('exportedAt') ?? '' }, lines, project);

  const changes: PackChange[] = state.changes;
  const order = new Map(LINE_COLUMNS.map((c, i) => [c.key as string, i]));
  const fieldOrder = (f: PackField) => (f === 'direct' ? 99 : f === 'discretionaryPct' ? (order.get('pct') ?? 0) : (order.get(f) ?? 0));
  changes.sort((a, b) => (lines.seen.get(matchKey(a.ref)) ?? 0) - (lines.seen.get(matchKey(b.ref)) ?? 0) || fieldOrder(a.field) - fieldOrder(b.field));

  const kind = info.get('kind') === 'neighbourhood' ? 'neighbourhood' : 'partner';
  const subject = info.get('subject') ?? '';
  const agreement = reviewAgreement(project, { file, readMe: pack.sheets.get(SHEETS.readMe) ?? null, snapshots: state.snapshots, kind, subject, current: state.current });
  const reviewId = createHash('sha256')
    .update(JSON.stringify([pack.sha256, changes.map((c) => [c.id, c.before, c.after]), agreement.changedSinceExport, agreement.signOffRefs]))
    .digest('hex')
    .slice(0, 40);
  return {
    review: {
      fileName: file,
      kind,
      subject,
      exportedAt: info.get('exportedAt') ?? '',
      exportedBy: info.get('exportedBy') ?? '',
      reviewId,
      changes,
      unknownRefs: lines.unknownRefs,
      missingRefs,
      problems: state.problems.slice(0, 1000),
      lines: lines.checked,
      signoff: agreement.signoff,
      signOffProblems: agreement.signOffProblems,
      changedSinceExport: agreement.changedSinceExport,
      signOffRefs: agreement.signOffRefs,
    },
    plans: state.plans,
    signOff: agreement.signOff,
  };
}
