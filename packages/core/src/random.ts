// xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear pseudorandom number generators", 2018,
// https://prng.di.unimi.it/) seeded through SplitMix32. Pure 32-bit integer arithmetic, so a seed gives
// the same stream on every machine and engine. Normal deviates use the Box–Muller transform on
// V8's/SpiderMonkey's fdlibm-derived Math.log/Math.cos/Math.sin.

/** The complete state of a {@link Random}: four uint32 words plus a cached normal deviate. */
export interface RandomState {
  readonly s: readonly [number, number, number, number];
  readonly spare: number | null;
}

/**
 * A seeded pseudo-random generator, passed explicitly to everything that needs randomness.
 *
 * @example
 * const rng = new Random(42);
 * rng.uniform();        // a float in [0, 1)
 * rng.int(10);          // an integer in [0, 10)
 */
export class Random {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare: number | null = null;

  constructor(seed: number = 0) {
    if (!Number.isInteger(seed)) {
      throw new TypeError(`Random: seed must be an integer, got ${seed}`);
    }
    // SplitMix32 expands the seed's low 32 bits into four words; the high bits (seeds beyond 2^32)
    // are expanded the same way and mixed into every word.
    const splitmix = (start: number) => {
      let x = start >>> 0;
      return () => {
        x = (x + 0x9e3779b9) >>> 0;
        let z = x;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
        return (z ^ (z >>> 16)) >>> 0;
      };
    };
    const lo = splitmix(seed);
    const hiBits = Math.floor(seed / 4294967296) >>> 0;
    const hi = hiBits === 0 ? () => 0 : splitmix(hiBits ^ 0x6a09e667);
    this.s0 = lo() ^ hi();
    this.s1 = lo() ^ hi();
    this.s2 = lo() ^ hi();
    this.s3 = lo() ^ hi();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next uint32. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A float in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A float in [low, high). */
  uniformRange(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** An integer in [0, n), without modulo bias. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 4294967296) {
      throw new RangeError(`Random.int: n must be an integer in [1, 2^32], got ${n}`);
    }
    // Lemire's rejection on 32-bit products is awkward in JS; plain rejection sampling is exact.
    const limit = 4294967296 - (4294967296 % n);
    let x: number;
    do x = this.nextUint32();
    while (x >= limit);
    return x % n;
  }

  /** A standard normal deviate (Box–Muller, both outputs used). */
  normal(mean = 0, std = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + std * z;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * v;
    this.spare = r * Math.sin(theta);
    return mean + std * r * Math.cos(theta);
  }

  /** True with probability p. */
  bernoulli(p = 0.5): boolean {
    return this.uniform() < p;
  }

  /** A uniformly chosen element of a non-empty array. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("Random.choice: items must not be empty");
    return items[this.int(items.length)];
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** A new independent generator derived from this one's stream (for sub-tasks). */
  fork(): Random {
    const child = new Random(0);
    child.setState({ s: [this.nextUint32(), this.nextUint32(), this.nextUint32(), (this.nextUint32() | 1) >>> 0], spare: null });
    return child;
  }

  /** The generator's state as plain data (for checkpoints). */
  getState(): RandomState {
    return { s: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0], spare: this.spare };
  }

  /** Restores a state from {@link getState}; the stream continues exactly. */
  setState(state: RandomState): void {
    const s = state?.s;
    if (!Array.isArray(s) || s.length !== 4 || s.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffffffff)) {
      throw new TypeError(`Random.setState: state.s must be four uint32 words, got ${JSON.stringify(s)}`);
    }
    if ((s[0] | s[1] | s[2] | s[3]) === 0) {
      throw new RangeError("Random.setState: state.s must not be all zero");
    }
    if (state.spare !== null && typeof state.spare !== "number") {
      throw new TypeError(`Random.setState: state.spare must be a number or null, got ${JSON.stringify(state.spare)}`);
    }
    [this.s0, this.s1, this.s2, this.s3] = s as [number, number, number, number];
    this.spare = state.spare;
  }

  /** A generator restored from a state. */
  static fromState(state: RandomState): Random {
    const rng = new Random(0);
    rng.setState(state);
    return rng;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
