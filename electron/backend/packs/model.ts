// Everything a pack shows, read once from the project and the engine: wards in code
// order, proxies, every line with its ward split (or why it has none), neighbourhood
// figures, and what Excel's formulas will compute for each line (see emulate()).
import { createHash } from 'node:crypto';
import type { SummaryDetail } from '../../../shared/contract/mapping';
import { ratioFromNumber } from '../../../shared/decimal';
import type { SpendLine } from '../../../shared/domain/types';
import { compareText } from '../../../shared/engine';
import type { ReferenceSource } from '../../../shared/domain/reference';
import type { Project } from '../project/project';
import { allocationOf } from '../mapping/allocation';
import { allLines } from '../budgets/lines';
import { neighbourhoodDetail } from '../mapping/service';
import { listNeighbourhoods } from '../neighbourhoods/service';
import { listPartners } from '../budgets/partners';
import { proxyValues } from '../proxies/service';
import { APP_VERSION } from '../version';
import { wardFiguresByLine } from '../mapping/direct-figures-store';

export interface PackWard {
  code: string;
  name: string;
}

export interface PackProxy {
  name: string;
  label: string;
  source: string;
  year: string;
  custom: boolean;
  /** One value per ward (code order); null = missing. */
  values: (number | null)[];
}

/** What the Allocation sheet's formulas compute for a line, in doubles, step by step. */
export interface Emulated {
  /** Σ proxy, and Σ weight: Σ proxy + β × SUMPRODUCT(proxy, S ÷ S̄ − 1) (Σ proxy at β = 0). */
  sumProxy: number;
  sumWeight: number;
  /** Each ward's exact share in pence (amount × weight ÷ Σ weight), as Excel shows it. */
  exact: number[];
  /** Whole pence of each ward's exact share. */
  whole: number[];
  /** MOD(amount × weight, Σ weight), in 1/Σ weight of a penny, and its rank (1 = largest; ties to the lower ward code). */
  remainders: number[];
  ranks: number[];
  leftover: number;
  pence: number[];
}

export interface LineFigures {
  pence: number;
  low: number;
  high: number;
}

export interface PackLine {
  line: SpendLine;
  /** The partner's ward figures (pence), when it has given any. */
  direct: Map<string, number> | null;
  /** Pence per ward in code order, or null when the engine could not allocate the line. */
  amounts: number[] | null;
  reason: string | null;
  directDifference: number | null;
  focus: boolean;
  /** Per neighbourhood of the model (same order): the line's pence there and its sensitivity. */
  neighbourhoods: (LineFigures | null)[];
  /** Formula lines (proxy, even, site): Excel's working; null for direct and unallocated lines. */
  emulated: Emulated | null;
  /** Pence by which Excel's double arithmetic would differ from the exact split (0 but on knife-edge ties). */
  knifeEdge: number;
}

export interface PackNeighbourhood {
  name: string;
  wards: string[];
  detail: SummaryDetail;
}

export interface PackModel {
  project: {
    name: string;
    fileName: string;
    ladCode: string;
    ladName: string;
    year: string;
    packId: string;
    packTitle: string;
    sources: ReferenceSource[];
    fingerprint: string;
  };
  wards: PackWard[];
  proxies: PackProxy[];
  /** Index of population and imd_score in proxies (−1 when absent). */
  population: number;
  imdScore: number;
  /** S̄ as Excel computes it: SUMPRODUCT(population, imd)/SUM(population); null when not computable. */
  meanScore: number | null;
  lines: PackLine[];
  partners: { name: string; type: string }[];
  neighbourhoods: PackNeighbourhood[];
  exportedAt: Date;
  version: string;
  /** Discretionary % is summed as ROUND(% × pctScale): exact for up to log10(pctScale) decimals. */
  pctScale: number;
}

/** Identifies a project across copies and renames: its creation time, authority and reference pack. */
export function projectFingerprint(project: Project): string {
  const s = project.settings();
  return createHash('sha256').update(`${s.createdAt}|${s.ladCode}|${s.packId}`).digest('hex').slice(0, 32);
}

function decimals(x: number): number {
  const r = ratioFromNumber(x);
  return r.d.toString().length - 1;
}

/** S ÷ S̄ − 1 (Proxies' ratio column), or null where S or S̄ is missing. */
export function ratioOf(score: number | null | undefined, meanScore: number | null): number | null {
  return score === null || score === undefined || meanScore === null ? null : score / meanScore - 1;
}

/**
 * The Working sheet's formulas for one line, evaluated in doubles in the order Excel
 * evaluates them. x: the basis's values (code order), null where missing.
 */
export function emulate(
  x: readonly (number | null)[],
  scores: readonly (number | null)[],
  meanScore: number | null,
  beta: number,
  amountPence: number,
): Emulated | null {
  const n = x.length;
  const weights = new Array<number>(n);
  let sumProxy = 0;
  let sumProxyRatio = 0;
  for (let w = 0; w < n; w++) {
    const xv = x[w];
    if (xv === null || xv === undefined) return null;
    sumProxy += xv;
    // Working row 5: S ÷ S̄ − 1, or 0 where it can't be had (then only β = 0 is allocated).
    const ratio = ratioOf(scores[w], meanScore);
    if (ratio === null && beta !== 0) return null;
    weights[w] = xv * (1 + beta * (ratio ?? 0));
    if (beta !== 0) sumProxyRatio += xv * ratio!;
  }
  const sumWeight = beta !== 0 ? sumProxy + beta * sumProxyRatio : sumProxy;
  if (!(sumWeight > 0)) return null;
  // Exact share E = t ÷ W with t = amount × weight; remainder MOD(t − INT(E) × W, W): the
  // fraction of a penny in units of 1/W, exact while t is a whole number below 2^53 (the
  // MOD also corrects an INT that rounds up, as LibreOffice's can); whole pence ROUND(E − r ÷ W).
  const exact = new Array<number>(n);
  const whole = new Array<number>(n);
  const remainders = new Array<number>(n);
  let sumRemainders = 0;
  for (let w = 0; w < n; w++) {
    const t = amountPence * weights[w]!;
    const e = t / sumWeight;
    const r0 = t - Math.floor(e) * sumWeight;
    const r = r0 - sumWeight * Math.floor(r0 / sumWeight);
    exact[w] = e;
    remainders[w] = r;
    sumRemainders += r;
    whole[w] = Math.round(e - r / sumWeight);
  }
  // Leftover pennies: Σ remainders ÷ W (= amount − Σ whole pence, exactly, before rounding).
  const leftover = Math.round(sumRemainders / sumWeight);
  const pence = new Array<number>(n);
  const ranks = new Array<number>(n);
  for (let w = 0; w < n; w++) {
    const f = remainders[w]!;
    let rank = 0;
    for (let v = 0; v < n; v++) {
      const g = remainders[v]!;
      if (g > f || (g === f && v <= w)) rank++;
    }
    ranks[w] = rank;
    pence[w] = whole[w]! + (rank <= leftover ? 1 : 0);
  }
  return { sumProxy, sumWeight, exact, whole, remainders, ranks, leftover, pence };
}

export function buildModel(project: Project, now = new Date()): PackModel {
  const s = project.settings();
  const wards = project.wards().map((w) => ({ code: w.code, name: w.name }));
  wards.sort((a, b) => compareText(a.code, b.code));
  const values = proxyValues(project);
  const proxies: PackProxy[] = project.proxies().map((p) => ({
    name: p.name,
    label: p.label,
    source: p.source,
    year: p.year,
    custom: p.custom,
    values: wards.map((w) => values.get(p.name)?.get(w.code) ?? null),
  }));
  const population = proxies.findIndex((p) => p.name === 'population');
  const imdScore = proxies.findIndex((p) => p.name === 'imd_score');
  let meanScore: number | null = null;
  if (population >= 0 && imdScore >= 0) {
    const pop = proxies[population]!.values;
    const imd = proxies[imdScore]!.values;
    if (pop.every((v) => v !== null) && imd.every((v) => v !== null)) {
      let num = 0;
      let den = 0;
      for (let w = 0; w < wards.length; w++) num += pop[w]! * imd[w]!;
      for (let w = 0; w < wards.length; w++) den += pop[w]!;
      if (den > 0 && num > 0) meanScore = num / den;
    }
  }

  const allocation = allocationOf(project);
  const engineIndex = new Map(project.wards().map((w, i) => [w.code, i]));
  const toCodeOrder = wards.map((w) => engineIndex.get(w.code)!);
  const neighbourhoods: PackNeighbourhood[] = listNeighbourhoods(project).map((n) => ({
    name: n.name,
    wards: [...n.wards].sort(compareText),
    detail: neighbourhoodDetail(project, n.name),
  }));
  const trackers = neighbourhoods.map((n) => allocation.neighbourhood(n.wards));
  const focus = new Set(allocation.focusRefs());

  const direct = wardFiguresByLine(project.db);

  const byName = new Map(proxies.map((p) => [p.name, p]));
  const scores = imdScore >= 0 ? proxies[imdScore]!.values : wards.map(() => null);
  let maxPctDecimals = 0;
  const lines: PackLine[] = allLines(project).map((line) => {
    maxPctDecimals = Math.max(maxPctDecimals, decimals(line.discretionaryPct));
    const r = allocation.result(line.id);
    const ok = r?.ok === true;
    const amounts = ok ? toCodeOrder.map((i) => r.amounts[i]!) : null;
    let emulated: Emulated | null = null;
    let knifeEdge = 0;
    if (ok && line.basis !== 'direct') {
      const x =
        line.basis === 'site'
          ? wards.map((w) => (w.code === line.siteWard ? 1 : 0))
          : line.basis === 'even'
            ? wards.map(() => 1)
            : (byName.get(line.basis)?.values ?? wards.map(() => null));
      emulated = emulate(x, scores, meanScore, line.basis === 'site' ? 0 : line.beta, line.amountPence);
      if (emulated) for (let w = 0; w < wards.length; w++) knifeEdge += Math.abs(emulated.pence[w]! - amounts![w]!);
      else knifeEdge = line.amountPence;
    }
    return {
      line,
      direct: direct.get(line.id) ?? null,
      amounts,
      reason: r && !r.ok ? r.reason : r ? null : 'not apportioned',
      directDifference: ok && r.directDifference !== undefined ? r.directDifference : null,
      focus: focus.has(line.ref),
      neighbourhoods: trackers.map((t) => {
        const f = ok ? t.lineFigures(line.id) : undefined;
        return f ? { pence: f.pence, low: f.low, high: f.high } : null;
      }),
      emulated,
      knifeEdge,
    };
  });

  return {
    project: {
      name: s.name,
      fileName: project.path.split(/[\\/]/).pop() ?? project.path,
      ladCode: s.ladCode,
      ladName: s.ladName,
      year: s.year,
      packId: s.packId,
      packTitle: s.packTitle,
      sources: JSON.parse(s.packSources) as ReferenceSource[],
      fingerprint: projectFingerprint(project),
    },
    wards,
    proxies,
    population,
    imdScore,
    meanScore,
    lines,
    partners: listPartners(project)
      .filter((p) => p.lines > 0)
      .map((p) => ({ name: p.name, type: p.type }))
      .sort((a, b) => compareText(a.name, b.name)),
    neighbourhoods,
    exportedAt: now,
    version: APP_VERSION,
    pctScale: 10 ** Math.min(6, Math.max(3, maxPctDecimals)),
  };
}

