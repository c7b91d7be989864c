// All lines of a project, apportioned, with running totals. Changing one line
// re-apportions that line only and adjusts the totals and every neighbourhood being
// watched, so a live edit costs one line, not the whole map.
import { apportionWork, effectiveConfidence } from './apportion';
import { Borough } from './borough';
import { focusRefs } from './focus';
import { compareText } from './order';
import { NeighbourhoodTracker } from './summary';
import type { Confidence, EngineInput, EngineLine, LineResult } from './types';
import { addSlot, AmountStore } from './ward-amounts';
import { Entry } from './entry';

export interface AllocatedLine {
  readonly line: EngineLine;
  readonly result: LineResult;
  readonly confidence: Confidence;
}

export class Allocation {
  readonly borough: Borough;
  private readonly entries = new Map<number, Entry>();
  private readonly refused = new Map<number, Entry>();
  private readonly totals: Float64Array;
  private allocated = 0;
  private readonly trackers = new Map<string, NeighbourhoodTracker>();
  private focus: string[] | null = null;
  private focusLookup: { of: string[]; refs: Set<string> } | null = null;
  /** ≥ every id ever set (entries only ever hold ids ≤ maxId). */
  private maxId = -Infinity;
  private readonly store: AmountStore;
  /** apportionWork writes here; the kept copy is compact. */
  private readonly work: Float64Array;

  constructor(input: EngineInput | Borough, lines: Iterable<EngineLine> = []) {
    this.borough = input instanceof Borough ? input : Borough.of(input);
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
    return this.put(line).result;
  }

  setLines(lines: Iterable<EngineLine>): void {
    if (Array.isArray(lines)) {
      this.store.reserve(lines.length);
      for (let i = 0; i < lines.length; i++) this.put(lines[i] as EngineLine);
    } else for (const l of lines) this.put(l);
  }

  private put(line: EngineLine): Entry {
    const copy: EngineLine = { ...line };
    const id = copy.id;
    const work = this.work;
    const n = work.length;
    const r = apportionWork(this.borough, copy, work, true);
    // An id above every id seen so far is new (as in a build from lines by ascending id): no lookup.
    let before: Entry | undefined;
    if (id > this.maxId) this.maxId = id;
    else before = this.entries.get(id);
    const confidence = effectiveConfidence(copy);
    let e: Entry;
    if (typeof r === 'number') {
      let max = copy.amountPence;
      if (copy.basis === 'direct') for (let w = 0; w < n; w++) if (work[w]! > max) max = work[w]!;
      // A new line (as in a full build): its totals are added while it is copied.
      const store = this.store;
      const sc = this.borough.scratch;
      store.keep(work, max, before === undefined ? this.totals : null, sc.frac, sc.threshold);
      e = new Entry(copy, confidence, store.block, store.offset, n, r, null);
    } else e = new Entry(copy, confidence, null, 0, n, 0, r);
    if (before === undefined) this.insert(id, e);
    else this.apply(id, e);
    return e;
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

  /** The same refs as a set, kept with them: the grid asks line by line (a new set per page cost ~18 ms at 20,000 lines). */
  focusSet(): ReadonlySet<string> {
    this.focus ??= focusRefs([...this.entries.values()].map((e) => e.line));
    if (this.focusLookup?.of !== this.focus) this.focusLookup = { of: this.focus, refs: new Set(this.focus) };
    return this.focusLookup.refs;
  }

  /** A neighbourhood kept up to date with every change from now on. */
  neighbourhood(wards: readonly string[]): NeighbourhoodTracker {
    const key = [...new Set(wards)].sort(compareText).join(',');
    let t = this.trackers.get(key);
    if (!t) {
      t = new NeighbourhoodTracker(this.borough, wards);
      // Each entry is keyed by its line's id; values() makes no [id, entry] pair per line.
      for (const e of this.entries.values()) t.update(e.line.id, e);
      this.trackers.set(key, t);
    }
    return t;
  }

  /** Stops keeping a neighbourhood up to date. */
  forgetNeighbourhood(wards: readonly string[]): void {
    this.trackers.delete([...new Set(wards)].sort(compareText).join(','));
  }

  /** apply() for a line not yet here, its totals already added by keep(). */
  private insert(id: number, after: Entry) {
    this.entries.set(id, after);
    if (after.block) this.allocated += after.line.amountPence;
    else this.refused.set(id, after);
    this.focus = null;
    if (this.trackers.size) for (const t of this.trackers.values()) t.update(id, after);
  }

  private apply(id: number, after: Entry | undefined) {
    const before = this.entries.get(id);
    if (before?.block) this.addTotals(before, -1);
    if (after?.block) this.addTotals(after, 1);
    if (before?.block) this.store.release(before.block, before.offset);
    if (after) this.entries.set(id, after);
    else this.entries.delete(id);
    if (after && !after.block) this.refused.set(id, after);
    else this.refused.delete(id);
    if (!before || !after || before.line.amountPence !== after.line.amountPence || before.line.ref !== after.line.ref) this.focus = null;
    for (const t of this.trackers.values()) t.update(id, after);
  }

  private addTotals(e: Entry, sign: 1 | -1) {
    addSlot(this.totals, e.block!, e.offset, sign);
    this.allocated += sign * e.line.amountPence;
  }
}
