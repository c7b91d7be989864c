// All lines of a project, apportioned, with running totals. Changing one line
// re-apportions that line only and adjusts the totals and every neighbourhood being
// watched, so a live edit costs one line, not the whole map.
import { apportionLine, effectiveConfidence } from './apportion';
import { Borough } from './borough';
import { focusRefs } from './focus';
import { compareText } from './order';
import { NeighbourhoodTracker } from './summary';
import type { Confidence, EngineInput, EngineLine, LineResult } from './types';
import { addAmounts, AmountStore } from './ward-amounts';

export interface AllocatedLine {
  readonly line: EngineLine;
  readonly result: LineResult;
  readonly confidence: Confidence;
}

export class Allocation {
  readonly borough: Borough;
  private readonly entries = new Map<number, AllocatedLine>();
  private readonly refused = new Map<number, AllocatedLine>();
  private readonly totals: Float64Array;
  private allocated = 0;
  private readonly trackers = new Map<string, NeighbourhoodTracker>();
  private focus: string[] | null = null;
  private readonly store: AmountStore;
  /** apportionLine writes here; the kept copy is compact. */
  private readonly work: Float64Array;

  constructor(input: EngineInput | Borough, lines: Iterable<EngineLine> = []) {
    this.borough = input instanceof Borough ? input : new Borough(input);
    this.totals = new Float64Array(this.borough.size);
    this.store = new AmountStore(this.borough.size);
    this.work = new Float64Array(this.borough.size);
    this.setLines(lines);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Adds or replaces the line with this id; returns its ward split or why it was not allocated. */
  setLine(line: EngineLine): LineResult {
    const copy: EngineLine = { ...line };
    let result = apportionLine(this.borough, copy, this.work);
    if (result.ok) {
      let max = copy.amountPence;
      if (copy.basis === 'direct') for (const x of result.amounts) if (x > max) max = x;
      result = { ...result, amounts: this.store.keep(this.work, max) };
    }
    this.apply(copy.id, { line: copy, result, confidence: effectiveConfidence(copy) });
    return result;
  }

  setLines(lines: Iterable<EngineLine>): void {
    for (const l of lines) this.setLine(l);
  }

  removeLine(id: number): boolean {
    if (!this.entries.has(id)) return false;
    this.apply(id, undefined);
    return true;
  }

  line(id: number): EngineLine | undefined {
    return this.entries.get(id)?.line;
  }

  /**
   * The line's ward split (input ward order; Int32Array when A < 2^31, else Float64Array).
   * The array is reused once the line is set again or removed: copy it to keep it.
   * Do not modify it.
   */
  result(id: number): LineResult | undefined {
    return this.entries.get(id)?.result;
  }

  lines(): IterableIterator<AllocatedLine> {
    return this.entries.values();
  }

  /** Σ over allocated lines, per ward (input ward order). */
  wardTotals(): Float64Array {
    return this.totals.slice();
  }

  /** Σ of the allocated lines' borough amounts A. */
  allocatedPence(): number {
    return this.allocated;
  }

  /** Lines that could not be allocated, by ref (code points), then id. */
  unallocated(): { ref: string; reason: string }[] {
    return [...this.refused.values()]
      .sort((a, b) => compareText(a.line.ref, b.line.ref) || a.line.id - b.line.id)
      .map((e) => ({ ref: e.line.ref, reason: e.result.ok ? '' : e.result.reason }));
  }

  /** 80:20 focus refs over all lines, cached until an amount, ref or the set of lines changes. */
  focusRefs(): string[] {
    this.focus ??= focusRefs([...this.entries.values()].map((e) => e.line));
    return this.focus.slice();
  }

  /** A neighbourhood kept up to date with every change from now on. */
  neighbourhood(wards: readonly string[]): NeighbourhoodTracker {
    const key = [...new Set(wards)].sort(compareText).join(',');
    let t = this.trackers.get(key);
    if (!t) {
      t = new NeighbourhoodTracker(this.borough, wards);
      for (const [id, e] of this.entries) t.update(id, e);
      this.trackers.set(key, t);
    }
    return t;
  }

  /** Stops keeping a neighbourhood up to date. */
  forgetNeighbourhood(wards: readonly string[]): void {
    this.trackers.delete([...new Set(wards)].sort(compareText).join(','));
  }

  private apply(id: number, after: AllocatedLine | undefined) {
    const before = this.entries.get(id);
    if (before?.result.ok) this.addTotals(before, -1);
    if (after?.result.ok) this.addTotals(after, 1);
    if (before?.result.ok) this.store.release(before.result.amounts);
    if (after) this.entries.set(id, after);
    else this.entries.delete(id);
    if (after && !after.result.ok) this.refused.set(id, after);
    else this.refused.delete(id);
    if (!before || !after || before.line.amountPence !== after.line.amountPence || before.line.ref !== after.line.ref) this.focus = null;
    for (const t of this.trackers.values()) t.update(id, after);
  }

  private addTotals(e: AllocatedLine, sign: 1 | -1) {
    if (!e.result.ok) return;
    addAmounts(this.totals, e.result.amounts, sign);
    this.allocated += sign * e.line.amountPence;
  }
}
