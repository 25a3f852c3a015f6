import type { IntRange, IntRangeLike } from "../validate";
import { checkInt, checkRange, show } from "../validate";
import { type AgreementConfig, type ConfigLike, agreementConfig, minDistanceFor, nounCost } from "./config";
import { streamRandom } from "./dataset";
import { type AgreementExample, AgreementGenerator } from "./generator";
import { SentenceSet } from "./sentenceSet";

export interface TestSetOptions {
  /** Examples per bucket (default 500), half singular and half plural (alternating). */
  readonly perBucket?: number;
  /**
   * Distance buckets (inclusive ranges); default: log-spaced buckets ({@link logDistanceBuckets}) over the configured
   * range, from the shortest distance the structure allows.
   */
  readonly distances?: readonly IntRangeLike[];
  /** Attractor buckets; default every count in the configured range (Linzen's numpred.test.0 … 5). */
  readonly attractors?: readonly number[];
  /** Draw target subjects from the held-out nouns. */
  readonly heldOut?: boolean;
}

export interface DistanceBucket {
  readonly distance: IntRange;
  readonly examples: AgreementExample[];
}

export interface AttractorBucket {
  readonly attractors: number;
  readonly examples: AgreementExample[];
}

export interface AgreementTestSets {
  /** Attractors follow the configured range (capped by what fits the distance). */
  readonly byDistance: DistanceBucket[];
  /** Distances follow the configured range (raised to what the attractors need). */
  readonly byAttractors: AttractorBucket[];
  /** Every sentence of every bucket, to exclude from training data. */
  readonly sentences: SentenceSet;
}

/**
 * Test sets bucketed by distance and by attractor count, as Linzen et al. (2016) report accuracy per attractor
 * count. Pure function of `(seed, config, options)`; each family draws from its own stream.
 */
export function agreementTestSets(seed: number, config: ConfigLike, options: TestSetOptions = {}): AgreementTestSets {
  const fn = "agreementTestSets";
  const resolved = agreementConfig(config);
  const perBucket = checkInt(fn, "options.perBucket", options.perBucket ?? 500, 0);
  const distances = (options.distances ?? defaultDistanceBuckets(resolved)).map((d, i) =>
    checkRange(fn, `options.distances[${i}]`, d, 1),
  );
  const attractors = (options.attractors ?? defaultAttractorBins(resolved.attractors)).map((a, i) =>
    checkInt(fn, `options.attractors[${i}]`, a, 0),
  );
  if (options.heldOut && resolved.heldOutNouns === 0) {
    throw new RangeError(`${fn}: options.heldOut needs config.heldOutNouns > 0, got ${show(resolved.heldOutNouns)}`);
  }
  const heldOut = options.heldOut === true;
  const generator = new AgreementGenerator(resolved);
  const sentences = new SentenceSet();

  const distanceRng = streamRandom(seed, "byDistance");
  const byDistance = distances.map((distance) => {
    const examples: AgreementExample[] = [];
    for (let i = 0; i < perBucket; i++) {
      examples.push(generator.sample(distanceRng, { distance, number: (i % 2) as 0 | 1, heldOut }));
    }
    sentences.addAll(examples);
    return { distance, examples };
  });
  const attractorRng = streamRandom(seed, "byAttractors");
  const byAttractors = attractors.map((count) => {
    const examples: AgreementExample[] = [];
    for (let i = 0; i < perBucket; i++) {
      examples.push(generator.sample(attractorRng, { attractors: count, number: (i % 2) as 0 | 1, heldOut }));
    }
    sentences.addAll(examples);
    return { attractors: count, examples };
  });
  return { byDistance, byAttractors, sentences };
}

/**
 * Log-spaced distance buckets: [1, 1], [2, 2], [3, 4], [5, 8], [9, 16], [17, 32], [33, 64], … (each bucket ends at a
 * power of two), clipped to `[lo, hi]`. Short distances get buckets of their own, so a cell that carries the number
 * for 3 words and not 4 shows it.
 *
 * @example
 * logDistanceBuckets(4, 40); // [[4, 4], [5, 8], [9, 16], [17, 32], [33, 40]]
 */
export function logDistanceBuckets(lo: number, hi: number): IntRange[] {
  const fn = "logDistanceBuckets";
  checkInt(fn, "lo", lo, 1);
  checkInt(fn, "hi", hi, lo);
  const out: IntRange[] = [];
  let start = 1;
  for (let end = 1; start <= hi; end *= 2) {
    if (end >= lo) out.push([Math.max(start, lo), Math.min(end, hi)]);
    start = end + 1;
  }
  return out;
}

/** `[lo, hi]` cut into at most `bins` (default 5) contiguous bins of (nearly) equal width. */
export function equalDistanceBins([lo, hi]: IntRange, bins = 5): IntRange[] {
  const span = hi - lo + 1;
  const count = Math.min(bins, span);
  const out: IntRange[] = [];
  for (let i = 0; i < count; i++) {
    out.push([lo + Math.floor((i * span) / count), lo + Math.floor(((i + 1) * span) / count) - 1]);
  }
  return out;
}

/** Log-spaced buckets from the shortest distance any sentence of `config` can have to its longest. */
function defaultDistanceBuckets(config: AgreementConfig): IntRange[] {
  const [lo, hi] = config.distance;
  const nested = config.target === "main" ? config.nesting[0] : 0;
  const shortest = Math.max(lo, minDistanceFor(nested, config.attractors[0], nounCost(config.material)));
  return logDistanceBuckets(Math.min(shortest, hi), hi);
}

function defaultAttractorBins([lo, hi]: IntRange): number[] {
  const out: number[] = [];
  for (let a = lo; a <= hi; a++) out.push(a);
  return out;
}
