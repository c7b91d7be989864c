// The unsaved "what if" a workshop is trying: changes to single lines and β for all of
// a partner's shared lines. Pure state functions; the backend applies partner β first,
// then the per-line changes, so a line's own β wins over its partner's.
import type { WhatIf } from '../../../../shared/contract/workshop';

export interface SavedLine {
  id: number;
  ref: string;
  partner: string;
  service: string;
  amountPence: number;
  basis: string;
  beta: number;
  discretionaryPct: number;
}

export interface LineChange {
  basis?: string;
  beta?: number;
  discretionaryPct?: number;
}

export interface WhatIfState {
  lines: ReadonlyMap<number, LineChange>;
  partners: ReadonlyMap<string, number>;
}

export const EMPTY_WHAT_IF: WhatIfState = { lines: new Map(), partners: new Map() };

/** β applies to lines shared by a proxy or evenly (as saved): not to direct or site lines. */
export const betaApplies = (basis: string): boolean => basis !== 'direct' && basis !== 'site';

export function changeCount(s: WhatIfState): number {
  let n = s.partners.size;
  for (const c of s.lines.values()) n += Object.keys(c).length;
  return n;
}

export const isEmpty = (s: WhatIfState): boolean => s.lines.size === 0 && s.partners.size === 0;

/** The what-if as the API takes it, in a stable order. */
export function toWhatIf(s: WhatIfState): WhatIf {
  return {
    lines: [...s.lines]
      .sort((a, b) => a[0] - b[0])
      .map(([id, c]) => ({
        id,
        ...(c.basis !== undefined ? { basis: c.basis } : {}),
        ...(c.beta !== undefined ? { beta: c.beta } : {}),
        ...(c.discretionaryPct !== undefined ? { discretionaryPct: c.discretionaryPct } : {}),
      })),
    partners: [...s.partners].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([partner, beta]) => ({ partner, beta })),
  };
}

/** Back from the API shape (the print route carries a what-if in its URL). */
export function fromWhatIf(w: WhatIf | undefined): WhatIfState {
  if (!w) return EMPTY_WHAT_IF;
  const lines = new Map<number, LineChange>();
  for (const l of w.lines) {
    const c: LineChange = {};
    if (l.basis !== undefined) c.basis = l.basis;
    if (l.beta !== undefined) c.beta = l.beta;
    if (l.discretionaryPct !== undefined) c.discretionaryPct = l.discretionaryPct;
    if (Object.keys(c).length) lines.set(l.id, c);
  }
  return { lines, partners: new Map(w.partners.map((p) => [p.partner, p.beta])) };
}

/** The values a line has under the what-if. */
export function effective(line: SavedLine, s: WhatIfState): { basis: string; beta: number; discretionaryPct: number } {
  const c = s.lines.get(line.id);
  const partnerBeta = betaApplies(line.basis) ? s.partners.get(line.partner) : undefined;
  return {
    basis: c?.basis ?? line.basis,
    beta: c?.beta ?? partnerBeta ?? line.beta,
    discretionaryPct: c?.discretionaryPct ?? line.discretionaryPct,
  };
}

/**
 * Sets one field of one line. A value equal to what the line would have without it
 * (its partner's what-if β, else the saved value) removes the change.
 */
export function setLineField<K extends keyof LineChange>(s: WhatIfState, line: SavedLine, field: K, value: NonNullable<LineChange[K]>): WhatIfState {
  const without: LineChange = { ...(s.lines.get(line.id) ?? {}) };
  delete without[field];
  const baseline = effective(line, { lines: new Map([[line.id, without]]), partners: s.partners })[field];
  const next: LineChange = value === baseline ? without : { ...without, [field]: value };
  const lines = new Map(s.lines);
  if (Object.keys(next).length) lines.set(line.id, next);
  else lines.delete(line.id);
  return { lines, partners: s.partners };
}

/**
 * Sets β for all of a partner's shared lines. Per-line β changes of that partner's
 * lines are dropped, so the newest choice is the one the charts show. Setting every
 * line back to its saved β removes the change.
 */
export function setPartnerBeta(s: WhatIfState, partner: string, beta: number, lines: readonly SavedLine[]): WhatIfState {
  const own = lines.filter((l) => l.partner === partner && betaApplies(l.basis));
  const next = new Map(s.lines);
  for (const l of own) {
    const c = next.get(l.id);
    if (c?.beta === undefined) continue;
    const rest: LineChange = { ...c };
    delete rest.beta;
    if (Object.keys(rest).length) next.set(l.id, rest);
    else next.delete(l.id);
  }
  const partners = new Map(s.partners);
  if (own.length > 0 && own.every((l) => l.beta === beta)) partners.delete(partner);
  else partners.set(partner, beta);
  return { lines: next, partners };
}

export function removeLine(s: WhatIfState, id: number): WhatIfState {
  const lines = new Map(s.lines);
  lines.delete(id);
  return { lines, partners: s.partners };
}

export function removePartner(s: WhatIfState, partner: string): WhatIfState {
  const partners = new Map(s.partners);
  partners.delete(partner);
  return { lines: s.lines, partners };
}

const num = (x: number) => x.toLocaleString('en-GB', { maximumFractionDigits: 2 });

/** One readable line per change, for the panel's list: "KC-HWY: β 0 → 1". */
export function describeChanges(s: WhatIfState, lines: readonly SavedLine[]): { key: string; text: string; kind: 'line' | 'partner'; id: number | string }[] {
  const byId = new Map(lines.map((l) => [l.id, l]));
  const out: { key: string; text: string; kind: 'line' | 'partner'; id: number | string }[] = [];
  for (const [partner, beta] of s.partners) {
    const own = lines.filter((l) => l.partner === partner && betaApplies(l.basis));
    const betas = [...new Set(own.map((l) => l.beta))];
    const was = betas.length === 1 ? num(betas[0]!) : 'mixed';
    out.push({ key: `p:${partner}`, kind: 'partner', id: partner, text: `${partner}: β ${was} → ${num(beta)} on ${own.length} line${own.length === 1 ? '' : 's'}` });
  }
  for (const [id, c] of s.lines) {
    const l = byId.get(id);
    const parts: string[] = [];
    if (c.basis !== undefined) parts.push(`basis ${l?.basis ?? '?'} → ${c.basis}`);
    if (c.beta !== undefined) parts.push(`β ${l ? num(l.beta) : '?'} → ${num(c.beta)}`);
    if (c.discretionaryPct !== undefined) parts.push(`discretionary ${l ? num(l.discretionaryPct) : '?'}% → ${num(c.discretionaryPct)}%`);
    out.push({ key: `l:${id}`, kind: 'line', id, text: `${l?.ref ?? `Line ${id}`}: ${parts.join(', ')}` });
  }
  return out;
}
