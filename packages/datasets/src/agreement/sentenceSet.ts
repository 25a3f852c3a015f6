/**
 * A 52-bit key of an id sequence: two independent 32-bit hashes (FNV-1a over whole ids, and a MurmurHash3-style
 * mix) joined into one safe integer. Two different sequences share a key with probability ≈ 2^−52.
 */
export function sequenceKey(ids: ArrayLike<number>, length = ids.length): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c ^ length;
  for (let i = 0; i < length; i++) {
    const x = ids[i] | 0;
    h1 = Math.imul(h1 ^ x, 0x01000193);
    let k = Math.imul(x, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h2 ^= Math.imul(k, 0x1b873593);
    h2 = (h2 << 13) | (h2 >>> 19);
    h2 = (Math.imul(h2, 5) + 0xe6546b64) | 0;
  }
  h2 ^= h2 >>> 16;
  h2 = Math.imul(h2, 0x85ebca6b);
  h2 ^= h2 >>> 13;
  h2 = Math.imul(h2, 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  return (h1 >>> 0) * 2097152 + (h2 >>> 11);
}

/** Anything with a full sentence and a model input (an agreement example). */
export interface HasSentence {
  readonly sentence: ArrayLike<number>;
  readonly ids: ArrayLike<number>;
}

/**
 * The sentences of a held-out side (test sets), by key: `has` is true when an example's full sentence *or* its
 * model input (e.g. the words before the verb) was added. Train streams skip such examples, so no sentence crosses
 * from test to train.
 */
export class SentenceSet {
  private readonly keys = new Set<number>();

  /** Adds an example's sentence and input; returns `this`. */
  add(example: HasSentence): this {
    this.keys.add(sequenceKey(example.sentence));
    this.keys.add(sequenceKey(example.ids));
    return this;
  }

  /** Adds every example of `examples`; returns `this`. */
  addAll(examples: Iterable<HasSentence>): this {
    for (const e of examples) this.add(e);
    return this;
  }

  /** Adds every key of another set; returns `this`. */
  merge(other: SentenceSet): this {
    for (const k of other.keys) this.keys.add(k);
    return this;
  }

  /** Whether the example's sentence or input was added. */
  has(example: HasSentence): boolean {
    return this.keys.has(sequenceKey(example.sentence)) || this.keys.has(sequenceKey(example.ids));
  }

  /** Number of distinct keys (sentences and inputs). */
  get size(): number {
    return this.keys.size;
  }
}
