// Compact storage of every line's pence per ward. A line's amounts are whole pence
// ≤ its borough amount A, so a line with A < 2^31 (£21m) is kept as Int32 (half the
// memory and bandwidth of Float64), a larger one as Float64 (exact to 2^53). Arrays
// are carved from large blocks and recycled: an allocation and zero-fill per line
// would cost more than apportioning a 680-ward line.

/** Pence per ward as the engine hands them out: read-only, indexable, iterable. */
export type WardAmounts = ArrayLike<number> & Iterable<number>;
type Stored = Float64Array | Int32Array;

const INT32_MAX = 2 ** 31 - 1;

class Pool<T extends Stored> {
  private block: T;
  private used = 0;
  private readonly spare: T[] = [];
  constructor(
    private readonly n: number,
    private readonly make: (length: number) => T,
    private readonly blockLength: number,
  ) {
    this.block = make(0);
  }

  take(): T {
    const s = this.spare.pop();
    if (s) return s;
    if (this.used + this.n > this.block.length) {
      this.block = this.make(Math.max(1, Math.floor(this.blockLength / Math.max(1, this.n))) * this.n);
      this.used = 0;
    }
    const a = this.block.subarray(this.used, this.used + this.n) as T;
    this.used += this.n;
    return a;
  }

  give(a: T): void {
    this.spare.push(a);
  }
}

export class AmountStore {
  private readonly ints: Pool<Int32Array>;
  private readonly floats: Pool<Float64Array>;

  constructor(n: number) {
    this.ints = new Pool(n, (l) => new Int32Array(l), 1 << 20);
    this.floats = new Pool(n, (l) => new Float64Array(l), 1 << 17);
  }

  /** A compact copy of src (whole pence, each ≤ max). */
  keep(src: Float64Array, max: number): Stored {
    if (max > INT32_MAX) {
      const f = this.floats.take();
      f.set(src);
      return f;
    }
    // A plain loop: TypedArray.set converting Float64 → Int32 takes a slow generic path in V8.
    const a = this.ints.take();
    for (let w = 0; w < a.length; w++) a[w] = src[w]!;
    return a;
  }

  /** Gives back an array from keep() for reuse. */
  release(a: WardAmounts): void {
    if (a instanceof Int32Array) this.ints.give(a);
    else if (a instanceof Float64Array) this.floats.give(a);
  }
}

/** total[w] += sign · amounts[w], one monomorphic loop per storage type. */
export function addAmounts(total: Float64Array, amounts: WardAmounts, sign: 1 | -1): void {
  if (amounts instanceof Int32Array) for (let w = 0; w < amounts.length; w++) total[w]! += sign * amounts[w]!;
  else if (amounts instanceof Float64Array) for (let w = 0; w < amounts.length; w++) total[w]! += sign * amounts[w]!;
  else for (let w = 0; w < amounts.length; w++) total[w]! += sign * amounts[w]!;
}
