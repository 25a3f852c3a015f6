import { Random } from "@vanish/core";
import { checkInt, checkOneOf, show } from "../validate";
import { type ConfigLike, agreementConfig } from "./config";
import { type AgreementExample, AgreementGenerator, type SampleOptions } from "./generator";
import { SentenceSet } from "./sentenceSet";

/** `"train"` and `"test"` share one distribution; `"heldout"` differs only in its target subjects (held-out nouns). */
export type AgreementSplit = "train" | "test" | "heldout";

/**
 * The independent random streams derived from one seed, in fork order. Each split and each bucketed test set
 * draws from its own stream, so the sizes of one never change the examples of another.
 */
export const AGREEMENT_STREAMS = ["train", "test", "heldout", "byDistance", "byAttractors"] as const;
export type AgreementStream = (typeof AGREEMENT_STREAMS)[number];

/** The generator of stream `stream` for `seed`: the (index+1)-th `fork()` of `new Random(seed)`. */
export function streamRandom(seed: number, stream: AgreementStream): Random {
  checkInt("streamRandom", "seed", seed);
  const index = AGREEMENT_STREAMS.indexOf(checkOneOf("streamRandom", "stream", stream, AGREEMENT_STREAMS));
  const root = new Random(seed);
  let rng = root.fork();
  for (let i = 0; i < index; i++) rng = root.fork();
  return rng;
}

export interface StreamOptions {
  readonly split?: AgreementSplit;
  /** Examples to yield; unbounded when omitted. */
  readonly count?: number;
  /** Skip examples whose sentence or input is in this set (pass the test side when streaming train). */
  readonly exclude?: SentenceSet;
}

/** Consecutive excluded examples after which a stream gives up: the configuration's sentence space is too small. */
const MAX_SKIPS = 10_000;

/**
 * Streams examples of one split, holding none of them: a pure function of `(seed, config, split)` (and `exclude`).
 *
 * @example
 * for (const ex of streamAgreement(1, "default", { count: 3 })) console.log(ex.meta.distance);
 */
export function* streamAgreement(
  seed: number,
  config: ConfigLike,
  options: StreamOptions = {},
): Generator<AgreementExample, void, undefined> {
  const split = checkOneOf("streamAgreement", "options.split", options.split ?? "train", ["train", "test", "heldout"]);
  const count = options.count === undefined ? Infinity : checkInt("streamAgreement", "options.count", options.count, 0);
  const generator = new AgreementGenerator(config);
  const rng = streamRandom(seed, split);
  const sample: SampleOptions = { heldOut: split === "heldout" };
  const exclude = options.exclude;
  let skipped = 0;
  for (let i = 0; i < count; ) {
    const example = generator.sample(rng, sample);
    if (exclude !== undefined && exclude.has(example)) {
      if (++skipped === MAX_SKIPS) {
        throw new RangeError(
          `streamAgreement: ${MAX_SKIPS} consecutive examples were in options.exclude; ` +
            `the configuration generates too few distinct sentences (widen distance or the lexicon)`,
        );
      }
      continue;
    }
    skipped = 0;
    i++;
    yield example;
  }
}

/** The first `count` examples of a split (see {@link streamAgreement}). */
export function generateAgreement(
  seed: number,
  config: ConfigLike,
  count: number,
  options: Omit<StreamOptions, "count"> = {},
): AgreementExample[] {
  checkInt("generateAgreement", "count", count, 0);
  return [...streamAgreement(seed, config, { ...options, count })];
}

export interface SplitSizes {
  readonly train: number;
  readonly test: number;
  /** Examples whose target subject is a held-out noun (needs `heldOutNouns > 0`). */
  readonly heldOut?: number;
  /** Further sentences train must not contain (e.g. `agreementTestSets(...).sentences`). */
  readonly exclude?: SentenceSet;
}

export interface AgreementSplits {
  readonly train: AgreementExample[];
  readonly test: AgreementExample[];
  readonly heldOut: AgreementExample[];
  /** Every test-side sentence: pass it as `exclude` when streaming more training data. */
  readonly exclude: SentenceSet;
}

/**
 * Train, test and held-out splits with no sentence (or model input) of test or held-out in train. The test side is
 * generated first, from its own streams; train then skips anything it contains.
 */
export function agreementSplits(seed: number, config: ConfigLike, sizes: SplitSizes): AgreementSplits {
  const fn = "agreementSplits";
  if (sizes === null || typeof sizes !== "object")
    throw new TypeError(`${fn}: sizes must be an object, got ${show(sizes)}`);
  const train = checkInt(fn, "sizes.train", sizes.train, 0);
  const test = checkInt(fn, "sizes.test", sizes.test, 0);
  const heldOut = checkInt(fn, "sizes.heldOut", sizes.heldOut ?? 0, 0);
  const resolved = agreementConfig(config);
  if (heldOut > 0 && resolved.heldOutNouns === 0) {
    throw new RangeError(`${fn}: sizes.heldOut ${heldOut} needs config.heldOutNouns > 0, got 0`);
  }
  const testSet = generateAgreement(seed, resolved, test, { split: "test" });
  const heldOutSet = generateAgreement(seed, resolved, heldOut, { split: "heldout" });
  const exclude = new SentenceSet().addAll(testSet).addAll(heldOutSet);
  if (sizes.exclude !== undefined) exclude.merge(sizes.exclude);
  return {
    train: generateAgreement(seed, resolved, train, { split: "train", exclude }),
    test: testSet,
    heldOut: heldOutSet,
    exclude,
  };
}
