import { checkInt, show } from "./validate";
import { Vocabulary } from "./vocabulary";

/**
 * A padded, time-major batch of token sequences, ready for an embedding + RNN.
 * Sequences are left-aligned: real tokens at `t < lengths[b]`, then `padId`.
 */
export interface TokenBatch<M = unknown> {
  /** Time steps (the longest sequence, or `minLength`). */
  readonly T: number;
  /** Sequences. */
  readonly B: number;
  /** `[T, B]` token ids: `ids[t * B + b]`. */
  readonly ids: Int32Array;
  /** `[T, B]`: 1 at real tokens, 0 at padding. */
  readonly mask: Float32Array;
  /** `[B]` real lengths. */
  readonly lengths: Int32Array;
  /** `[B]` one class per sequence (read from step `lengths[b] − 1`), when given. */
  readonly labels?: Int32Array;
  /** `[T, B]` next-token ids (language modelling), −1 where unused; present with `next: true`. */
  readonly targets?: Int32Array;
  /** Per-sequence metadata, as given. */
  readonly meta: M[];
}

export interface TokenBatchOptions {
  /** Prepend `<bos>` (id 2). Default false, true with `next`. */
  readonly bos?: boolean;
  /** Append `<eos>` (id 3): to the input, or with `next` as the last target. Default false, true with `next`. */
  readonly eos?: boolean;
  /** Emit next-token `targets`: `targets[t] = input[t + 1]`, and `<eos>` (or −1) after the last token. */
  readonly next?: boolean;
  /** Pad to at least this many steps. */
  readonly minLength?: number;
  /** Padding id (default 0, `<pad>`). */
  readonly padId?: number;
}

export interface TokenBatchInput<M> {
  /** `[B]` labels, copied into `labels`. */
  readonly labels?: ArrayLike<number>;
  /** `[B]` metadata, kept by reference. */
  readonly meta?: M[];
}

/**
 * Encodes token sequences into a fresh {@link TokenBatch}. For language modelling (`next: true`) with the defaults,
 * input row `b` is `<bos> w0 … w(n−1)` and target row `w0 … w(n−1) <eos>`, so the logits at step t predict word t.
 *
 * @example
 * const batch = encodeTokenBatch([[5, 6, 7], [8]], { labels: [1, 0] });
 * batch.ids;     // Int32Array [5, 8, 6, 0, 7, 0]  (time-major [3, 2])
 * batch.lengths; // Int32Array [3, 1]
 */
export function encodeTokenBatch<M = unknown>(
  sequences: readonly ArrayLike<number>[],
  options: TokenBatchOptions & TokenBatchInput<M> = {},
): TokenBatch<M> {
  const fn = "encodeTokenBatch";
  if (!Array.isArray(sequences)) throw new TypeError(`${fn}: sequences must be an array, got ${show(sequences)}`);
  const o = resolveOptions(fn, options);
  let T = o.minLength;
  for (let b = 0; b < sequences.length; b++) T = Math.max(T, encodedLength(sequences[b].length, o));
  const B = sequences.length;
  const ids = new Int32Array(T * B);
  const mask = new Float32Array(T * B);
  const lengths = new Int32Array(B);
  const targets = o.next ? new Int32Array(T * B) : undefined;
  writeTokenBatch(sequences, T, o, ids, mask, lengths, targets);
  return {
    T,
    B,
    ids,
    mask,
    lengths,
    ...(options.labels !== undefined && { labels: copyLabels(fn, options.labels, B) }),
    ...(targets !== undefined && { targets }),
    meta: options.meta ?? [],
  };
}

/**
 * Encodes batches into buffers allocated once (`batchSize × maxLength`), for streaming: each {@link encode} returns
 * views that the next call overwrites.
 */
export class TokenBatchEncoder {
  private readonly options: Resolved;
  private readonly ids: Int32Array;
  private readonly mask: Float32Array;
  private readonly lengths: Int32Array;
  private readonly labels: Int32Array;
  private readonly targets: Int32Array | undefined;
  readonly batchSize: number;
  readonly maxLength: number;

  constructor(options: TokenBatchOptions & { batchSize: number; maxLength: number }) {
    const fn = "TokenBatchEncoder";
    this.batchSize = checkInt(fn, "options.batchSize", options?.batchSize, 1);
    this.maxLength = checkInt(fn, "options.maxLength", options.maxLength, 1);
    this.options = resolveOptions(fn, options);
    const size = this.batchSize * this.maxLength;
    this.ids = new Int32Array(size);
    this.mask = new Float32Array(size);
    this.lengths = new Int32Array(this.batchSize);
    this.labels = new Int32Array(this.batchSize);
    this.targets = this.options.next ? new Int32Array(size) : undefined;
  }

  /** Encodes up to `batchSize` sequences of at most `maxLength` steps (after bos/eos). */
  encode<M>(sequences: readonly ArrayLike<number>[], input: TokenBatchInput<M> = {}): TokenBatch<M> {
    const fn = "TokenBatchEncoder.encode";
    const B = sequences.length;
    if (B > this.batchSize) throw new RangeError(`${fn}: at most ${this.batchSize} sequences, got ${B}`);
    let T = this.options.minLength;
    for (let b = 0; b < B; b++) T = Math.max(T, encodedLength(sequences[b].length, this.options));
    if (T > this.maxLength)
      throw new RangeError(`${fn}: sequences need ${T} steps, more than maxLength ${this.maxLength}`);
    const n = T * B;
    const ids = this.ids.subarray(0, n);
    const mask = this.mask.subarray(0, n);
    const lengths = this.lengths.subarray(0, B);
    const targets = this.targets?.subarray(0, n);
    writeTokenBatch(sequences, T, this.options, ids, mask, lengths, targets);
    let labels: Int32Array | undefined;
    if (input.labels !== undefined) {
      if (input.labels.length !== B)
        throw new RangeError(`${fn}: labels must have length ${B}, got ${input.labels.length}`);
      labels = this.labels.subarray(0, B);
      for (let b = 0; b < B; b++) labels[b] = input.labels[b];
    }
    return {
      T,
      B,
      ids,
      mask,
      lengths,
      ...(labels !== undefined && { labels }),
      ...(targets !== undefined && { targets }),
      meta: input.meta ?? [],
    };
  }
}

interface Resolved {
  readonly bos: boolean;
  readonly eos: boolean;
  readonly next: boolean;
  readonly minLength: number;
  readonly padId: number;
}

function resolveOptions(fn: string, o: TokenBatchOptions): Resolved {
  const next = o.next === true;
  return {
    next,
    bos: o.bos ?? next,
    eos: o.eos ?? next,
    minLength: checkInt(fn, "options.minLength", o.minLength ?? 0, 0),
    padId: checkInt(fn, "options.padId", o.padId ?? Vocabulary.PAD, 0),
  };
}

/** Steps a sequence of `n` tokens takes: bos, the tokens, and eos on the input unless it goes to the targets. */
function encodedLength(n: number, o: Resolved): number {
  return n + (o.bos ? 1 : 0) + (o.eos && !o.next ? 1 : 0);
}

/** The kernel: fills `[T, B]` arrays (sizes trusted). */
function writeTokenBatch(
  sequences: readonly ArrayLike<number>[],
  T: number,
  o: Resolved,
  ids: Int32Array,
  mask: Float32Array,
  lengths: Int32Array,
  targets: Int32Array | undefined,
): void {
  const B = sequences.length;
  ids.fill(o.padId);
  mask.fill(0);
  if (targets !== undefined) targets.fill(-1);
  const offset = o.bos ? 1 : 0;
  for (let b = 0; b < B; b++) {
    const seq = sequences[b];
    const n = seq.length;
    const len = encodedLength(n, o);
    lengths[b] = len;
    if (o.bos) ids[b] = Vocabulary.BOS;
    for (let i = 0; i < n; i++) ids[(i + offset) * B + b] = seq[i];
    if (o.eos && !o.next) ids[(len - 1) * B + b] = Vocabulary.EOS;
    for (let t = 0; t < len; t++) mask[t * B + b] = 1;
    if (targets !== undefined) {
      for (let t = 0; t < len - 1; t++) targets[t * B + b] = ids[(t + 1) * B + b];
      targets[(len - 1) * B + b] = o.eos ? Vocabulary.EOS : -1;
    }
  }
}

function copyLabels(fn: string, labels: ArrayLike<number>, B: number): Int32Array {
  if (labels.length !== B) throw new RangeError(`${fn}: options.labels must have length ${B}, got ${labels.length}`);
  const out = new Int32Array(B);
  for (let b = 0; b < B; b++) out[b] = checkInt(fn, `options.labels[${b}]`, labels[b]);
  return out;
}
