// One line as an Allocation keeps it (allocation.ts); here so that summary.ts can read
// a line's pence from its slot without importing allocation.ts.
import type { Confidence, EngineLine, LineResult, Refusal } from './types';
import type { Stored } from './ward-amounts';

/**
 * A line as kept: its pence are a slot of the AmountStore, and its result object (with
 * a view of the slot) is made when first asked for, so a full build makes neither.
 */
export class Entry {
  private made: LineResult | null;
  constructor(
    readonly line: EngineLine,
    readonly confidence: Confidence,
    /** The slot of an allocated line; null when refused. */
    readonly block: Stored | null,
    readonly offset: number,
    /** The number of wards. */
    private readonly n: number,
    /** A `direct` line's Σ figures − A (0 for every other line). */
    private readonly difference: number,
    refusal: Refusal | null,
  ) {
    this.made = refusal;
  }

  /** Σ of the line's pence over the given wards (an allocated line), read from the slot. */
  sum(wards: Int32Array): number {
    const block = this.block!;
    const o = this.offset;
    let s = 0;
    for (let i = 0; i < wards.length; i++) s += block[o + wards[i]!]!;
    return s;
  }

  get result(): LineResult {
    if (this.made === null) {
      const amounts = this.block!.subarray(this.offset, this.offset + this.n);
      this.made = this.difference === 0 ? { ok: true, amounts } : { ok: true, amounts, directDifference: this.difference };
    }
    return this.made;
  }
}
