import type { IntRange, IntRangeLike } from "../validate";
import { checkInt, checkRange, show } from "../validate";
import { type ConfigLike, agreementConfig } from "./config";
import { streamRandom } from "./dataset";
import { type AgreementExample, AgreementGenerator } from "./generator";
import { SentenceSet } from "./sentenceSet";

export interface TestSetOptions {
  /** Examples per bucket (default 500), half singular and half plural (alternating). */
  readonly perBucket?: number;
  /** Distance buckets (inclusive ranges); default: the configured range cut into 5 equal-width bins. */
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
  const distances = (options.distances ?? defaultDistanceBins(resolved.distance)).map((d, i) =>
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

/** `[lo, hi]` cut into at most 5 contiguous bins of (nearly) equal width. */
export function defaultDistanceBins([lo, hi]: IntRange): IntRange[] {
  const span = hi - lo + 1;
  const bins = Math.min(5, span);
  const out: IntRange[] = [];
  for (let i = 0; i < bins; i++) {
    out.push([lo + Math.floor((i * span) / bins), lo + Math.floor(((i + 1) * span) / bins) - 1]);
  }
  return out;
}

function defaultAttractorBins([lo, hi]: IntRange): number[] {
  const out: number[] = [];
  for (let a = lo; a <= hi; a++) out.push(a);
  return out;
}
