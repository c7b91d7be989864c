// Sends the newest what-if to the backend without flooding it while a slider is dragged:
// a single change goes at once; changes that follow within `gapMs`, or while a request
// is still out, are folded into one request with the newest input. Results arrive in
// the order they were asked for (the backend answers one call at a time).

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class LatestRequest<I, O> {
  private pending: { input: I; seq: number } | null = null;
  private inFlight = false;
  private timer: unknown = null;
  private lastSent = -Infinity;
  private seq = 0;
  private closed = false;

  constructor(
    private readonly send: (input: I) => Promise<O>,
    private readonly onResult: (output: O, input: I, seq: number) => void,
    private readonly onError: (error: unknown, input: I) => void,
    private readonly gapMs = 50,
    private readonly clock: Clock = realClock,
  ) {}

  /** Asks for `input`; returns its sequence number (results carry it). */
  request(input: I): number {
    this.pending = { input, seq: ++this.seq };
    this.pump();
    return this.seq;
  }

  /** The sequence number of the newest request. */
  get latest(): number {
    return this.seq;
  }

  close(): void {
    this.closed = true;
    this.pending = null;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private pump(): void {
    if (this.closed || this.inFlight || this.timer !== null || !this.pending) return;
    const wait = this.lastSent + this.gapMs - this.clock.now();
    if (wait > 0) {
      this.timer = this.clock.setTimeout(() => {
        this.timer = null;
        this.pump();
      }, wait);
      return;
    }
    const { input, seq } = this.pending;
    this.pending = null;
    this.inFlight = true;
    this.lastSent = this.clock.now();
    this.send(input).then(
      (out) => {
        this.inFlight = false;
        if (!this.closed) this.onResult(out, input, seq);
        this.pump();
      },
      (e: unknown) => {
        this.inFlight = false;
        if (!this.closed) this.onError(e, input);
        this.pump();
      },
    );
  }
}
