/**
 * An append-only history that keeps at most `capacity` evenly spaced items of an unbounded stream: every
 * `stride`-th item is kept, and when the buffer is full every other kept item is dropped and the stride doubles.
 * The newest item is always available (`latest`), kept or not. Memory stays O(capacity) for any run length.
 */
export class Thinned<T> {
  private kept: T[] = [];
  private stride = 1;
  private seen = 0;
  private last: T | undefined;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError(`Thinned: capacity must be an integer >= 2, got ${capacity}`);
  }

  push(item: T): void {
    if (this.seen % this.stride === 0) {
      if (this.kept.length === this.capacity) {
        this.kept = this.kept.filter((_, i) => i % 2 === 0);
        this.stride *= 2;
      }
      if (this.seen % this.stride === 0) this.kept.push(item);
    }
    this.seen++;
    this.last = item;
  }

  /** The kept items in order, plus the newest if it was not kept. */
  items(): T[] {
    const out = this.kept.slice();
    if (this.last !== undefined && out[out.length - 1] !== this.last) out.push(this.last);
    return out;
  }

  get latest(): T | undefined {
    return this.last;
  }

  /** Items pushed so far. */
  get count(): number {
    return this.seen;
  }

  clear(): void {
    this.kept = [];
    this.stride = 1;
    this.seen = 0;
    this.last = undefined;
  }
}
