// Compact storage of every line's pence per ward. A line's amounts are whole pence
// ≤ its borough amount A, so a line with A < 2^31 (£21m) is kept as Int32 (half the
// memory and bandwidth of Float64), a larger one as Float64 (exact to 2^53). A line's
// amounts are a slot (block, offset) carved from blocks that start small and double
// (a small project does not zero megabytes), and slots are recycled: an allocation and
// zero-fill per line would cost more than apportioning a 680-ward line. The array a
// caller sees is a view of the slot, made only when asked for (see allocation.ts).

/** Pence per ward as the engine hands them out: read-only, indexable, iterable. */
export type WardAmounts = ArrayLike<number> & Iterable<number>;
export type Stored = Float64Array | Int32Array;

const INT32_MAX = 2 ** 31 - 1;

class Pool<T extends Stored> {
  /** The block and offset of the slot last taken. */
  block: T;
  offset = 0;
  private current: T;
  private used = 0;
  /** Slots in the next block: doubles up to blockLength elements. */
  private nextSlots = 64;
  private readonly spareBlocks: T[] = [];
  private readonly spareOffsets: number[] = [];
  constructor(
    private readonly n: number,
    private readonly make: (length: number) => T,
    private readonly blockLength: number,
  ) {
    this.block = this.current = make(0);
  }

  /** Sets block and offset to a free slot of n elements (not zeroed). */
  take(): void {
    const spare = this.spareBlocks.pop();
    if (spare) {
      this.block = spare;
      this.offset = this.spareOffsets.pop()!;
      return;
    }
    const n = this.n;
    if (this.used + n > this.current.length) {
      const most = Math.max(1, Math.floor(this.blockLength / Math.max(1, n)));
      const slots = Math.min(this.nextSlots, most);
      this.nextSlots = Math.min(slots * 2, most);
      this.current = this.make(slots * n);
      this.used = 0;
    }
    this.block = this.current;
    this.offset = this.used;
    this.used += n;
  }

  /** The next new block holds at least this many slots (within blockLength). */
  reserve(slots: number): void {
    const most = Math.max(1, Math.floor(this.blockLength / Math.max(1, this.n)));
    this.nextSlots = Math.min(Math.max(this.nextSlots, slots), most);
  }

  give(block: T, offset: number): void {
    this.spareBlocks.push(block);
    this.spareOffsets.push(offset);
  }
}

// One function each for every store, so the calls in Pool.take keep one target.
const makeInts = (length: number) => new Int32Array(length);
const makeFloats = (length: number) => new Float64Array(length);

export class AmountStore {
  private readonly ints: Pool<Int32Array>;
  private readonly floats: Pool<Float64Array>;
  /** The slot written by the last keep(). */
  block: Stored;
  offset = 0;

  constructor(readonly n: number) {
    this.ints = new Pool(n, makeInts, 1 << 20);
    this.floats = new Pool(n, makeFloats, 1 << 17);
    this.block = this.ints.block;
  }

  /**
   * Copies the line's pence into a free slot, now block / offset: src[w], plus one
   * when t ≥ 0 and frac[w] ≥ t (pennies left by apportionWork's lazyPennies); whole
   * pence, each ≤ max. With total, also total[w] += the pence, in the same pass.
   */
  keep(src: Float64Array, max: number, total: Float64Array | null, frac: Float64Array, t: number): void {
    const n = this.n;
    if (max > INT32_MAX) {
      const p = this.floats;
      p.take();
      const f = p.block;
      const o = p.offset;
      for (let w = 0; w < n; w++) f[o + w] = t < 0 ? src[w]! : src[w]! + +(frac[w]! >= t);
      if (total) for (let w = 0; w < n; w++) total[w]! += f[o + w]!;
      this.block = f;
      this.offset = o;
      return;
    }
    // Plain loops: TypedArray.set converting Float64 → Int32 takes a slow generic path in V8.
    const p = this.ints;
    p.take();
    const a = p.block;
    const o = p.offset;
    if (t >= 0) {
      if (total)
        for (let w = 0; w < n; w++) {
          const x = src[w]! + +(frac[w]! >= t);
          a[o + w] = x;
          total[w]! += x;
        }
      else for (let w = 0; w < n; w++) a[o + w] = src[w]! + +(frac[w]! >= t);
    } else if (total)
      for (let w = 0; w < n; w++) {
        const x = src[w]!;
        a[o + w] = x;
        total[w]! += x;
      }
    else for (let w = 0; w < n; w++) a[o + w] = src[w]!;
    this.block = a;
    this.offset = o;
  }

  /** Room for this many more lines (most kept as Int32), in one block rather than doubling ones. */
  reserve(lines: number): void {
    this.ints.reserve(lines);
  }

  /** Gives a slot from keep() back for reuse. */
  release(block: Stored, offset: number): void {
    if (block instanceof Int32Array) this.ints.give(block, offset);
    else this.floats.give(block, offset);
  }
}

/** total[w] += sign · slot[w], one monomorphic loop per storage type. */
export function addSlot(total: Float64Array, block: Stored, offset: number, sign: 1 | -1): void {
  const n = total.length;
  if (block instanceof Int32Array) for (let w = 0; w < n; w++) total[w]! += sign * block[offset + w]!;
  else for (let w = 0; w < n; w++) total[w]! += sign * block[offset + w]!;
}

