// A large part (a worksheet of millions of cells) written as UTF-8 straight into
// buffers, row by row: no string of tens of MB to join and then encode again.

const CHUNK = 1 << 20;

export class Utf8Chunks {
  private readonly done: Buffer[] = [];
  private buf = Buffer.allocUnsafe(CHUNK);
  private at = 0;

  write(text: string): void {
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    if (this.at + text.length * 3 > this.buf.length) {
      this.done.push(this.buf.subarray(0, this.at));
      this.buf = Buffer.allocUnsafe(Math.max(CHUNK, text.length * 3));
      this.at = 0;
    }
    this.at += this.buf.write(text, this.at, 'utf8');
  }

  toBuffer(): Buffer {
    return Buffer.concat([...this.done, this.buf.subarray(0, this.at)]);
  }
}
