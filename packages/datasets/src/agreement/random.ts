// The random draws of the agreement generator. It draws one 32-bit word per decision. `below(n)` maps it to [0, n)
// by multiply-and-floor: no rejection loop, with a bias of at most n / 2^32 (< 10⁻⁶ for every n used here). Integer
// arithmetic only, so streams are identical on every machine.
import type { Random } from "@vanish/core";

const INV_2_32 = 1 / 4294967296;

/** A float in [0, 1) with 32 random bits. */
export function unit(rng: Random): number {
  return rng.nextUint32() * INV_2_32;
}

/** An integer in [0, n). */
export function below(rng: Random, n: number): number {
  return Math.floor(rng.nextUint32() * INV_2_32 * n);
}

/** An integer uniform in `[lo, hi]`. */
export function between(rng: Random, lo: number, hi: number): number {
  return lo + below(rng, hi - lo + 1);
}

/** An entry of `list`, uniformly. */
export function pick(rng: Random, list: Int32Array | Uint8Array): number {
  return list[below(rng, list.length)];
}

/** 0, 1 or 2 adjectives (60/30/10 %). */
export function adjectiveCount(rng: Random): number {
  const u = unit(rng);
  return u < 0.6 ? 0 : u < 0.9 ? 1 : 2;
}

/** Length of a relative clause on a person or animal: intransitive 2–3, transitive 4–7, shorter ones likelier. */
export function relativeLength(rng: Random): number {
  const u = unit(rng);
  return u < 0.25 ? 2 : u < 0.4 ? 3 : u < 0.75 ? 4 : u < 0.9 ? 5 : u < 0.97 ? 6 : 7;
}

/** Scale of the integer weights of {@link logUniformBetween}. */
const LOG_WEIGHT = 1 << 20;

/**
 * An integer in `[lo, hi]` (lo ≥ 1) with probability ∝ 1/d: integer weights ⌊2²⁰/d⌋ and one uniform draw, so the
 * stream stays integer arithmetic and identical on every machine. O(hi − lo) per call.
 */
export function logUniformBetween(rng: Random, lo: number, hi: number): number {
  let total = 0;
  for (let d = lo; d <= hi; d++) total += Math.floor(LOG_WEIGHT / d);
  let r = below(rng, total);
  for (let d = lo; d < hi; d++) {
    r -= Math.floor(LOG_WEIGHT / d);
    if (r < 0) return d;
  }
  return hi;
}
