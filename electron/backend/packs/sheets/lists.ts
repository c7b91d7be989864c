// The hidden sheets: validation lists, and the pack's identity with what was exported.
import { SPECIAL_BASES } from '../../../../shared/domain/proxies';
import { STATUSES, CONFIDENCES, suggestedConfidence } from '../../../../shared/domain/types';
import { LINES_HEADER_ROW, META_SNAPSHOT_ROW, NAMES, PACK_FORMAT, SHEETS, encodeSnapshot, snapshotFingerprint, type LineSnapshot } from '../layout';
import type { PackLine, PackModel } from '../model';
import { S } from '../styles';
import { lineSnapshot } from '../fingerprint';
import { put, type PackSpec, type Ws } from './cells';
import type { NameBook } from '../xlsx/sheet';
import type { Layout } from './positions';

export function writeLists(wb: NameBook, ws: Ws, model: PackModel): void {
  const bases = [...model.proxies.map((p) => p.name), ...SPECIAL_BASES];
  const lists: [string, string, readonly string[]][] = [
    ['A', NAMES.bases, bases],
    ['B', NAMES.statuses, STATUSES],
    ['C', NAMES.confidences, CONFIDENCES],
    ['D', NAMES.wards, model.wards.map((w) => w.code)],
    ['E', NAMES.suggested, bases.map(suggestedConfidence)],
  ];
  for (const [col, name, values] of lists) {
    values.forEach((v, i) => put(ws, i + 1, col.charCodeAt(0) - 64, v, S.text));
    wb.definedNames.add(`${SHEETS.lists}!$${col}$1:$${col}$${Math.max(1, values.length)}`, name);
  }
}

export const snapshotOf = (p: PackLine): LineSnapshot => lineSnapshot(p.line, p.direct);

export function writeMeta(wb: NameBook, ws: Ws, model: PackModel, spec: PackSpec, layout: Layout): void {
  const entries: [string, string | number][] = [
    ['format', PACK_FORMAT],
    ['kind', spec.kind],
    ['subject', spec.subject],
    ['project', model.project.fingerprint],
    ['projectName', model.project.name],
    ['ladCode', model.project.ladCode],
    ['ladName', model.project.ladName],
    ['year', model.project.year],
    ['exportedAt', model.exportedAt.toISOString()],
    ['exportedBy', `Spendmap ${model.version}`],
    ['wards', model.wards.map((w) => w.code).join(',')],
    ['lines', spec.lines.length],
    ['linesHeaderRow', LINES_HEADER_ROW],
    ['allocationHeaderRow', layout.headerRow],
    ['moneyColumn', layout.money],
    // The wards with a column on Allocation, in order (a neighbourhood pack: its own only).
    ['allocationWards', layout.shown.map((k) => model.wards[k]!.code).join(',')],
    ['neighbourhoods', JSON.stringify(spec.neighbourhoods.map((x) => x.n.name))],
    ['snapshotRow', META_SNAPSHOT_ROW],
  ];
  entries.forEach(([k, v], i) => {
    put(ws, i + 1, 1, k, S.text);
    put(ws, i + 1, 2, v, typeof v === 'number' ? S.number : S.text);
  });
  wb.definedNames.add(`${SHEETS.meta}!$B$1`, NAMES.pack);
  put(ws, META_SNAPSHOT_ROW - 1, 1, 'Lines as exported (what a review compares the returned pack with)', S.text);
  put(ws, META_SNAPSHOT_ROW - 1, 3, 'Fingerprint', S.text);
  spec.lines.forEach((p, i) => {
    const snap = snapshotOf(p);
    put(ws, META_SNAPSHOT_ROW + i, 2, encodeSnapshot(snap), S.text);
    put(ws, META_SNAPSHOT_ROW + i, 3, snapshotFingerprint(snap), S.text);
  });
}

