// Neighbourhood figures (docs/brief.md; docs/cli.md `summary --json`), kept as running
// totals that one changed line adjusts.
//
// Choices where the brief is silent:
// - borough_total_pence = Σ of allocated lines' amounts A (for a `direct` line whose
//   figures do not add up, its A, not Σ figures); total_pence uses its figures.
// - per_head_gbp = total_pence / population / 100 rounded half up to 2 decimals on the
//   exact rational (i.e. round(total / population) pence, / 100); null when the
//   population is missing in any of the wards or is 0.
// - by_partner lists partners with at least one allocated line (even at 0 pence here),
//   sorted by name in code-point order; unallocated is sorted by ref, then line id.
// - confidence_pence uses each line's effective confidence (override, else suggested).
import { ratioToNumber, roundHalfUp, type Ratio } from '../decimal';
import type { AllocatedLine, Allocation } from './allocation';
import { FIXED_BASES } from './apportion';
import type { Borough } from './borough';
import { Entry } from './entry';
import { decimalPct, InfluenceSum, type DecimalPct } from './influence';
import { compareText } from './order';
import { neighbourhoodPence, sensitivityInto, type SensitivityMode } from './sensitivity';
import type { Status } from '../domain/types';
import type { Confidence, NeighbourhoodSpec, NeighbourhoodSummary } from './types';

/** One allocated line's part in the neighbourhood. */
export interface LineFigures {
  readonly partner: string;
  readonly confidence: Confidence;
  readonly status: Status;
  readonly pct: DecimalPct;
  readonly basis: string;
  readonly amountPence: number;
  /** Pence in the neighbourhood's wards. */
  readonly pence: number;
  /** Sensitivity over the brief's four variants (= pence for direct and site lines). */
  readonly low: number;
  readonly high: number;
}

interface PartnerSum {
  lines: number;
  pence: number;
  influence: InfluenceSum;
}

/** Whether the line was allocated; an Allocation's own entries tell without making their result. */
function allocated(e: AllocatedLine): boolean {
  return e instanceof Entry ? e.block !== null : e.result.ok;
}

export class NeighbourhoodTracker {
  readonly wards: string[];
  readonly indices: Int32Array;
  readonly population: Ratio | null;
  private readonly figures = new Map<number, LineFigures>();
  private readonly partners = new Map<string, PartnerSum>();
  private readonly influence = new InfluenceSum();
  private readonly confidence = { green: 0, amber: 0, red: 0 };
  private readonly status: Record<Status, number> = { mainstream: 0, aligned: 0, virtual: 0, pooled: 0 };
  private total = 0;
  private low = 0;
  private high = 0;
  private lowContaining = 0;
  private highContaining = 0;
  /** sensitivityInto's result, reused line after line. */
  private readonly range = { low: 0, high: 0 };

  constructor(private readonly borough: Borough, wards: readonly string[]) {
    this.wards = [...new Set(wards)].sort(compareText);
    this.indices = Int32Array.from(this.wards, (code) => {
      const w = borough.wardIndex(code);
      if (w === undefined) throw new RangeError(`neighbourhood ward ${code} is not a ward of this project`);
      return w;
    });
    this.population = borough.population(this.indices);
  }

  /** The line's figures here, if it was allocated. */
  lineFigures(id: number): LineFigures | undefined {
    return this.figures.get(id);
  }

  /** Takes the line's previous figures out and its new ones (if allocated) in. */
  update(id: number, after: AllocatedLine | undefined): void {
    const before = this.figures.get(id);
    if (before) this.add(before, -1);
    if (after !== undefined && allocated(after)) {
      const f = this.figuresOf(after, before);
      this.figures.set(id, f);
      this.add(f, 1);
    } else this.figures.delete(id);
  }

  private figuresOf(e: AllocatedLine, before: LineFigures | undefined): LineFigures {
    let pence: number;
    if (e instanceof Entry) pence = e.sum(this.indices);
    else if (e.result.ok) pence = neighbourhoodPence(e.result.amounts, this.indices);
    else throw new Error('not allocated');
    const { line } = e;
    let low = pence;
    let high = pence;
    if (!FIXED_BASES.has(line.basis)) {
      // The four variants do not depend on the line's own β: keep them across β edits.
      if (before && before.basis === line.basis && before.amountPence === line.amountPence) ({ low, high } = before);
      else {
        const range = this.range;
        sensitivityInto(this.borough, line, this.indices, pence, range);
        low = range.low;
        high = range.high;
      }
    }
    return {
      partner: line.partner,
      confidence: e.confidence,
      status: line.status ?? 'mainstream',
      pct: decimalPct(line.discretionaryPct),
      basis: line.basis,
      amountPence: line.amountPence,
      pence,
      low,
      high,
    };
  }

  private add(f: LineFigures, sign: 1 | -1) {
    const p = sign * f.pence;
    this.total += p;
    this.confidence[f.confidence] += p;
    this.status[f.status] += p;
    this.low += sign * f.low;
    this.high += sign * f.high;
    this.lowContaining += sign * Math.min(f.low, f.pence);
    this.highContaining += sign * Math.max(f.high, f.pence);
    this.influence.add(f.pence, f.pct, sign);
    let s = this.partners.get(f.partner);
    if (!s) this.partners.set(f.partner, (s = { lines: 0, pence: 0, influence: new InfluenceSum() }));
    s.lines += sign;
    s.pence += p;
    s.influence.add(f.pence, f.pct, sign);
    if (s.lines === 0) this.partners.delete(f.partner);
  }

  /** The range including each line's actual figure (the 'containing' sensitivity), without making a second summary. */
  containingRange(): { low_pence: number; high_pence: number } {
    return { low_pence: this.lowContaining, high_pence: this.highContaining };
  }

  summary(name: string, allocation: Allocation, mode: SensitivityMode = 'brief'): NeighbourhoodSummary {
    const borough = this.borough;
    const boroughPopulation = borough.boroughPopulation();
    const boroughTotal = allocation.allocatedPence();
    const containing = mode === 'containing';
    return {
      neighbourhood: name,
      wards: [...this.wards],
      population: populationNumber(this.population),
      borough_population: populationNumber(boroughPopulation),
      total_pence: this.total,
      borough_total_pence: boroughTotal,
      per_head_gbp: perHead(this.total, this.population),
      borough_per_head_gbp: perHead(boroughTotal, boroughPopulation),
      influenceable_pence: this.influence.pence(),
      confidence_pence: { ...this.confidence },
      sensitivity: {
        low_pence: containing ? this.lowContaining : this.low,
        high_pence: containing ? this.highContaining : this.high,
      },
      focus_refs: allocation.focusRefs(),
      unallocated: allocation.unallocated(),
      by_partner: [...this.partners]
        .sort(([a], [b]) => compareText(a, b))
        .map(([partner, s]) => ({ partner, total_pence: s.pence, influenceable_pence: s.influence.pence() })),
      status_pence: { ...this.status },
    };
  }
}

function populationNumber(p: Ratio | null): number | null {
  return p === null ? null : ratioToNumber(p);
}

/** Pounds per head to 2 decimals, half up on the exact ratio: round(pence / population) / 100. */
export function perHead(pence: number, population: Ratio | null): number | null {
  if (population === null || population.n <= 0n) return null;
  return Number(roundHalfUp({ n: BigInt(pence) * population.d, d: population.n })) / 100;
}

/** The neighbourhood's `summary --json` figures; the neighbourhood stays watched for fast updates. */
export function neighbourhoodSummary(
  allocation: Allocation,
  neighbourhood: NeighbourhoodSpec,
  options: { sensitivity?: SensitivityMode } = {},
): NeighbourhoodSummary {
  return allocation.neighbourhood(neighbourhood.wards).summary(neighbourhood.name, allocation, options.sensitivity);
}
