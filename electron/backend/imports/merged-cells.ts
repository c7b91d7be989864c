// Which cells of a row lie under a merged range other than its top-left cell, for rows
// visited in order. A sweep down the sheet: each range is added to a per-column count
// when the rows reach it and taken away after its last row, in a Fenwick tree over the
// 16,384 columns, so a row costs O(log columns) per cell plus its share of range events,
// whatever the number of ranges (100,000 ranges, all overlapping, cost no more).
import { MAX_COLUMNS } from './source';

/** Ranges as [top, left, bottom, right] (rows 1-based, columns 0-based), four ints each. */
export type RangeList = Int32Array;

/** Orders range indices by one of their rows: sorted numbers key = row × 2^21 + index. */
function orderBy(ranges: RangeList, count: number, field: 0 | 2): Uint32Array {
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) keys[i] = ranges[i * 4 + field]! * 2 ** 21 + i;
  keys.sort();
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = keys[i]! % 2 ** 21;
  return out;
}

export class MergedCells {
  /** A difference array over columns, as a Fenwick tree: the prefix sum at c counts the ranges covering column c. */
  private readonly tree = new Int32Array(MAX_COLUMNS + 2);
  private readonly byTop: Uint32Array;
  private readonly byBottom: Uint32Array;
  private started = 0;
  private widened = 0;
  private ended = 0;
  private active = 0;
  private lastRow = 0;

  /** `count` ranges, at most 2^21 (the sort key's room). */
  constructor(
    private readonly ranges: RangeList,
    private readonly count: number,
  ) {
    this.byTop = orderBy(ranges, count, 0);
    this.byBottom = orderBy(ranges, count, 2);
  }

  private add(at: number, v: number): void {
    for (let i = at + 1; i < this.tree.length; i += i & -i) this.tree[i]! += v;
  }

  /** +v on columns left..right. */
  private span(left: number, right: number, v: number): void {
    if (left > right) return;
    this.add(left, v);
    this.add(right + 1, -v);
  }

  private covering(col: number): number {
    let s = 0;
    for (let i = col + 1; i > 0; i -= i & -i) s += this.tree[i]!;
    return s;
  }

  /**
   * Brings the counts to `row`. On its top row a range covers its columns but the first
   * (the top-left cell keeps its value); below it, all of them.
   */
  private advance(row: number): void {
    const R = this.ranges;
    const n = this.count;
    for (; this.started < n && R[this.byTop[this.started]! * 4]! <= row; this.started++) {
      const m = this.byTop[this.started]! * 4;
      this.span(R[m + 1]! + 1, R[m + 3]!, 1);
      this.active++;
    }
    for (; this.widened < n && R[this.byTop[this.widened]! * 4]! < row; this.widened++) {
      const m = this.byTop[this.widened]! * 4;
      if (R[m + 2]! > R[m]!) this.span(R[m + 1]!, R[m + 1]!, 1);
    }
    for (; this.ended < n && R[this.byBottom[this.ended]! * 4 + 2]! < row; this.ended++) {
      const m = this.byBottom[this.ended]! * 4;
      this.span(R[m + 2]! > R[m]! ? R[m + 1]! : R[m + 1]! + 1, R[m + 3]!, -1);
      this.active--;
    }
    this.lastRow = row;
  }

  /** The cells of `row` Excel shows: those under a range other than its top-left cell are dropped. Rows must come in increasing order. */
  visible<C extends { col: number }>(row: number, cells: C[]): C[] {
    if (row < this.lastRow) throw new Error(`merged cells visited out of order: row ${row} after ${this.lastRow}`);
    this.advance(row);
    if (this.active === 0) return cells;
    return cells.filter((c) => this.covering(c.col) === 0);
  }
}
