import { Random } from "@vanish/core";
import { checkInt, show } from "./validate";

export interface BatchOptions {
  readonly batchSize: number;
  /** Shuffle each epoch (default true); needs `rng`. */
  readonly shuffle?: boolean;
  /** A generator, or a seed for `new Random(seed)`. */
  readonly rng?: Random | number;
  /** Passes over the items (default 1; `Infinity` for an endless iterator). */
  readonly epochs?: number;
  /** Drop each epoch's last, smaller batch (default false). */
  readonly dropLast?: boolean;
}

/**
 * Mini-batches of `items`, reshuffled (Fisher–Yates, seeded) every epoch. Items are not copied; each batch is a new
 * array of references.
 *
 * @example
 * for (const batch of batchIterator(train, { batchSize: 32, rng: 7, epochs: 2 })) encodeAgreement(batch);
 */
export function* batchIterator<T>(items: readonly T[], options: BatchOptions): Generator<T[], void, undefined> {
  const fn = "batchIterator";
  if (!Array.isArray(items)) throw new TypeError(`${fn}: items must be an array, got ${show(items)}`);
  const batchSize = checkInt(fn, "options.batchSize", options?.batchSize, 1);
  const epochs = options.epochs ?? 1;
  if (epochs !== Infinity) checkInt(fn, "options.epochs", epochs, 0);
  const shuffle = options.shuffle ?? true;
  let rng: Random | null = null;
  if (shuffle) {
    if (options.rng === undefined)
      throw new TypeError(`${fn}: options.rng (a Random or a seed) is required to shuffle`);
    rng = options.rng instanceof Random ? options.rng : new Random(checkInt(fn, "options.rng", options.rng));
  }
  const order = Array.from({ length: items.length }, (_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    if (rng !== null) rng.shuffle(order);
    for (let start = 0; start < order.length; start += batchSize) {
      const end = Math.min(start + batchSize, order.length);
      if (end - start < batchSize && options.dropLast) break;
      const batch: T[] = new Array(end - start);
      for (let i = start; i < end; i++) batch[i - start] = items[order[i]];
      yield batch;
    }
    if (items.length === 0) return;
  }
}

/** Groups a (possibly endless) stream into arrays of `size`; the last one may be shorter unless `dropLast`. */
export function* chunked<T>(source: Iterable<T>, size: number, dropLast = false): Generator<T[], void, undefined> {
  checkInt("chunked", "size", size, 1);
  let batch: T[] = [];
  for (const item of source) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0 && !dropLast) yield batch;
}
