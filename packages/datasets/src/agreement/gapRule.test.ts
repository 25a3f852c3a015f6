import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import type { AgreementOptions } from "./config";
import { type AgreementExample, AgreementGenerator } from "./generator";
import { DEMO_KNOBS, PREFIX_VARIANT_KNOBS } from "./knobs.fixture";

// The gap rule and plain determiners: nothing but the subject's own noun tells its number.

const EASY_WIDE: AgreementOptions = { preset: "easy", distance: [1, 40], attractors: [0, 4] };

function draw(options: AgreementOptions, count: number, seed: number): [AgreementGenerator, AgreementExample[]] {
  const gen = new AgreementGenerator(options);
  const rng = new Random(seed);
  return [gen, Array.from({ length: count }, () => gen.sample(rng))];
}

/**
 * Accuracy of a lookup table from `key(example)` to the majority label, fitted on the even-indexed examples and
 * scored on the odd-indexed ones (unseen or tied keys score ½), over examples with distance ≥ 4.
 */
function lookupAccuracy(examples: AgreementExample[], key: (x: AgreementExample) => string): number {
  const far = examples.filter((x) => x.meta.distance >= 4);
  const table = new Map<string, [number, number]>();
  far.forEach((x, i) => {
    if (i % 2 === 1) return;
    const k = key(x);
    const row = table.get(k) ?? [0, 0];
    row[x.meta.number]++;
    table.set(k, row);
  });
  let hits = 0;
  let count = 0;
  far.forEach((x, i) => {
    if (i % 2 === 0) return;
    const [sg, pl] = table.get(key(x)) ?? [0, 0];
    hits += sg === pl ? 0.5 : (pl > sg ? 1 : 0) === x.meta.number ? 1 : 0;
    count++;
  });
  return hits / count;
}

/** Noun numbers (0/1) of the numbered nouns in `[from, to)`. */
function numbers(gen: AgreementGenerator, x: AgreementExample, from: number, to: number): number[] {
  const out: number[] = [];
  for (let p = from; p < to; p++) {
    const id = x.sentence[p];
    if (gen.lexicon.isNoun[id] && gen.lexicon.numberOf[id] >= 0) out.push(gen.lexicon.numberOf[id]);
  }
  return out;
}

describe("the gap rule and plain determiners", () => {
  const cases: [string, AgreementOptions][] = [
    ["easy, distance 1–40, attractors 0–4", EASY_WIDE],
    ["default", { preset: "default" }],
    ["the CLI demo's knobs", DEMO_KNOBS],
    ["the previous demo's prefix variant", PREFIX_VARIANT_KNOBS],
  ];
  for (const [name, options] of cases) {
    it(`leaves no memory-free cue above 55% beyond distance 3 (${name})`, () => {
      const [gen, xs] = draw(options, 4000, 19);
      const shortcuts = {
        firstWord: lookupAccuracy(xs, (x) => gen.vocabulary.word(x.sentence[0])),
        lastNoun: lookupAccuracy(xs, (x) => String(numbers(gen, x, 0, x.meta.verb).at(-1))),
        wordBeforeVerb: lookupAccuracy(xs, (x) => gen.vocabulary.word(x.sentence[x.meta.verb - 1])),
        // The counts of the gap's numbered nouns (between subject and verb): exchangeable, so no cue.
        gapCounts: lookupAccuracy(xs, (x) => {
          const gap = numbers(gen, x, x.meta.subject + 1, x.meta.verb);
          return `${x.meta.distance}:${gap.length - gap.filter(Boolean).length},${gap.filter(Boolean).length}`;
        }),
        gapMajority: lookupAccuracy(xs, (x) => {
          const gap = numbers(gen, x, x.meta.subject + 1, x.meta.verb);
          const plural = gap.filter(Boolean).length;
          return String(Math.sign(2 * plural - gap.length));
        }),
      };
      for (const [k, v] of Object.entries(shortcuts)) expect(v, `${name}: ${k}`).toBeLessThanOrEqual(0.55);
      for (const x of xs) {
        const words = gen.vocabulary.decode(x.sentence);
        for (const w of ["a", "an", "this", "some", "these"]) expect(words).not.toContain(w);
      }
    });
  }

  it("keeps the (singular, plural) counts of the gap identically distributed for both labels", () => {
    const [gen, xs] = draw({ ...EASY_WIDE, distance: [13, 13] }, 8000, 5);
    const freq = [new Map<string, number>(), new Map<string, number>()];
    const totals = [0, 0];
    for (const x of xs) {
      const gap = numbers(gen, x, x.meta.subject + 1, x.meta.verb);
      const plural = gap.filter(Boolean).length;
      const key = `${gap.length - plural},${plural}`;
      const m = freq[x.meta.number];
      m.set(key, (m.get(key) ?? 0) + 1);
      totals[x.meta.number]++;
    }
    const keys = new Set([...freq[0].keys(), ...freq[1].keys()]);
    // 5 × 5 cells of (sg, pl) counts, each probability within 0.03 across labels.
    expect(keys.size).toBeGreaterThan(10);
    for (const k of keys) {
      const p0 = (freq[0].get(k) ?? 0) / totals[0];
      const p1 = (freq[1].get(k) ?? 0) / totals[1];
      expect(Math.abs(p0 - p1), k).toBeLessThan(0.03);
    }
    // The attractor knob keeps its meaning: meta.attractors is the count of opposite-number nouns.
    expect(new Set(xs.map((x) => x.meta.attractors))).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it("the old rule's leaks are caught by the same checks", () => {
    // "varied" determiners give away a sentence-initial subject's number by the first word.
    const [gen, xs] = draw({ ...EASY_WIDE, determiners: "varied" }, 4000, 19);
    expect(lookupAccuracy(xs, (x) => gen.vocabulary.word(x.sentence[0]))).toBeGreaterThan(0.6);
    const words = new Set(xs.flatMap((x) => gen.vocabulary.decode(x.sentence)));
    for (const w of ["a", "an", "this", "some", "these"]) expect(words.has(w)).toBe(true);
  });

  it("pins the determiners knob's validation", () => {
    expect(() => new AgreementGenerator({ determiners: "fancy" as "plain" })).toThrow(
      new TypeError('agreementConfig: determiners must be one of "plain", "varied", got "fancy"'),
    );
  });
});
