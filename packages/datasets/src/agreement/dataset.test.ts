import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { agreementSplits, generateAgreement, streamAgreement, streamRandom } from "./dataset";
import type { AgreementExample } from "./generator";
import { SentenceSet } from "./sentenceSet";

const text = (xs: AgreementExample[]) => xs.map((x) => Array.from(x.sentence).join(" "));
const inputs = (xs: AgreementExample[]) => xs.map((x) => Array.from(x.ids).join(" "));

describe("streamRandom", () => {
  it("forks one independent stream per split, in a fixed order", () => {
    const root = new Random(3);
    const train = root.fork();
    const test = root.fork();
    expect(streamRandom(3, "train").nextUint32()).toBe(train.nextUint32());
    expect(streamRandom(3, "test").nextUint32()).toBe(test.nextUint32());
    expect(streamRandom(3, "heldout").nextUint32()).not.toBe(streamRandom(3, "test").nextUint32());
    expect(() => streamRandom(3, "dev" as "test")).toThrow(
      new TypeError(
        'streamRandom: stream must be one of "train", "test", "heldout", "byDistance", "byAttractors", got "dev"',
      ),
    );
  });
});

describe("streamAgreement", () => {
  it("is a pure function of (seed, config, split) and stops at count", () => {
    const a = generateAgreement(4, "default", 40);
    expect(a).toHaveLength(40);
    expect(text(generateAgreement(4, "default", 40))).toEqual(text(a));
    expect(text(generateAgreement(4, "default", 40, { split: "test" }))).not.toEqual(text(a));
    // A stream's prefix does not depend on how far it is read.
    expect(text(generateAgreement(4, "default", 10))).toEqual(text(a).slice(0, 10));
    const stream = streamAgreement(4, "default");
    for (let i = 0; i < 100; i++) expect(stream.next().done).toBe(false);
  });

  it("skips excluded sentences, and gives up when everything is excluded", () => {
    const first = generateAgreement(4, "easy", 20);
    const exclude = new SentenceSet().addAll(first.slice(0, 10));
    const rest = generateAgreement(4, "easy", 10, { exclude });
    for (const x of rest) expect(exclude.has(x)).toBe(false);
    expect(text(rest).slice(0, 3)).not.toEqual(text(first).slice(0, 3));
    // A tiny language: "the/a/this [old] cat/cats/dog/dogs" before "is/are" — 28 inputs, all excluded.
    const tiny = {
      preset: "easy",
      distance: 1,
      attractors: 0,
      lexicon: { animate: 2, inanimate: 3, adjectives: 1, verbs: 1 },
    } as const;
    const all = new SentenceSet().addAll(generateAgreement(1, tiny, 3000, { split: "test" }));
    expect(() => generateAgreement(1, tiny, 1, { exclude: all })).toThrow(
      new RangeError(
        "streamAgreement: 10000 consecutive examples were in options.exclude; the configuration generates too few " +
          "distinct sentences (widen distance or the lexicon)",
      ),
    );
  });

  it("validates its options", () => {
    expect(() => generateAgreement(1, "easy", -1)).toThrow(
      new RangeError("generateAgreement: count must be in [0, ∞), got -1"),
    );
    expect(() => streamAgreement(1, "easy", { split: "dev" as "test" }).next()).toThrow(
      new TypeError('streamAgreement: options.split must be one of "train", "test", "heldout", got "dev"'),
    );
  });
});

describe("agreementSplits", () => {
  it("never puts a test or held-out sentence (or input) in train", () => {
    const tiny = {
      preset: "easy",
      distance: [1, 3],
      attractors: 0,
      lexicon: { animate: 4, verbs: 2 },
      heldOutNouns: 1,
    } as const;
    const { train, test, heldOut, exclude } = agreementSplits(2, tiny, { train: 3000, test: 300, heldOut: 100 });
    expect([train.length, test.length, heldOut.length]).toEqual([3000, 300, 100]);
    const testSide = new Set([...text(test), ...text(heldOut), ...inputs(test), ...inputs(heldOut)]);
    for (const s of [...text(train), ...inputs(train)]) expect(testSide.has(s)).toBe(false);
    // The language is small enough that collisions would have happened without the exclusion.
    const raw = generateAgreement(2, tiny, 3000);
    expect(inputs(raw).some((s) => testSide.has(s))).toBe(true);
    expect(heldOut.every((x) => x.meta.heldOut)).toBe(true);
    expect(test.some((x) => x.meta.heldOut)).toBe(false);
    expect(exclude.size).toBeGreaterThan(0);
  });

  it("merges extra exclusions and checks sizes", () => {
    const extra = new SentenceSet().addAll(generateAgreement(2, "easy", 50));
    const { train } = agreementSplits(2, "easy", { train: 50, test: 0, exclude: extra });
    for (const x of train) expect(extra.has(x)).toBe(false);
    expect(() => agreementSplits(2, "easy", { train: 1, test: 1, heldOut: 1 })).toThrow(
      new RangeError("agreementSplits: sizes.heldOut 1 needs config.heldOutNouns > 0, got 0"),
    );
    expect(() => agreementSplits(2, "easy", { train: 1.5, test: 1 })).toThrow(
      new TypeError("agreementSplits: sizes.train must be an integer, got 1.5"),
    );
  });
});
