import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { type AgreementOptions, agreementConfig } from "./config";
import { type AgreementExample, AgreementGenerator } from "./generator";
import * as W from "./words";

const DETERMINERS = new Set(["the", "a", "an", "this", "some", "these"]);

/** Draws `count` examples from `new Random(seed)`. */
function draw(
  options: AgreementOptions,
  count: number,
  seed = 1,
  sample = {},
): [AgreementGenerator, AgreementExample[]] {
  const gen = new AgreementGenerator(options);
  const rng = new Random(seed);
  return [gen, Array.from({ length: count }, () => gen.sample(rng, sample))];
}

/** Checks every invariant of one example against its tokens, independently of the generator's bookkeeping. */
function checkExample(gen: AgreementGenerator, ex: AgreementExample): void {
  const lex = gen.lexicon;
  const words = gen.vocabulary.decode(ex.sentence);
  const m = ex.meta;
  const c = gen.config;
  expect(words[words.length - 1]).toBe(".");
  expect(m.length).toBe(words.length);
  expect(words.length).toBeLessThanOrEqual(gen.maxLength);
  expect(ex.sentence.every((id) => id >= 4 && id < gen.vocabulary.size)).toBe(true);
  // The target pair.
  expect(m.distance).toBe(m.verb - m.subject);
  expect(lex.numberOf[ex.sentence[m.subject]]).toBe(m.number);
  expect(ex.sentence[m.verb]).toBe(m.correct);
  expect(lex.numberOf[m.correct]).toBe(m.number);
  expect(lex.otherForm[m.correct]).toBe(m.wrong);
  let opposite = 0;
  for (let p = m.subject + 1; p < m.verb; p++)
    if (lex.numberOf[ex.sentence[p]] === 1 - m.number && lex.isNoun[ex.sentence[p]]) opposite++;
  expect(opposite).toBe(m.attractors);
  expect(m.depth).toBeGreaterThanOrEqual(0);
  expect(m.depth).toBeLessThanOrEqual(m.nesting);
  if (c.target === "main") expect(m.depth).toBe(0);
  if (c.target === "deepest") expect(m.depth).toBe(m.nesting);
  expect(m.nesting).toBeGreaterThanOrEqual(c.nesting[0]);
  expect(m.nesting).toBeLessThanOrEqual(c.nesting[1]);
  expect(m.prefix).toBeGreaterThanOrEqual(c.prefix[0]);
  expect(m.prefix).toBeLessThanOrEqual(c.prefix[1]);
  expect(m.structure.split(" ").filter((s) => s === "[").length).toBe(m.nesting);
  // Every pair agrees, and the target pair is among them with the same record.
  for (const p of m.pairs) {
    expect(lex.isNoun[ex.sentence[p.subject]]).toBe(1);
    expect(lex.numberOf[ex.sentence[p.subject]]).toBe(p.number);
    expect(ex.sentence[p.verb]).toBe(p.correct);
    expect(lex.numberOf[p.correct]).toBe(p.number);
    expect(lex.otherForm[p.correct]).toBe(p.wrong);
  }
  const target = m.pairs.find((p) => p.subject === m.subject && p.verb === m.verb)!;
  expect(target).toMatchObject({ number: m.number, depth: m.depth, attractors: m.attractors });
  expect(m.pairs.filter((p) => p.role === "main")).toHaveLength(1);
  expect(m.pairs.filter((p) => p.role === "relative")).toHaveLength(m.nesting);
  // The main subject's noun phrase starts right after the prefix.
  const main = m.pairs.find((p) => p.role === "main")!;
  expect(DETERMINERS.has(words[m.prefix])).toBe(true);
  expect([m.prefix + 1, m.prefix + 2]).toContain(main.subject);
  // "a" before consonants, "an" before vowels.
  words.forEach((w, i) => {
    if (w === "a") expect("aeiou").not.toContain(words[i + 1][0]);
    if (w === "an") expect("aeiou").toContain(words[i + 1][0]);
  });
  // Framing.
  if (m.framing === "number") {
    expect(Array.from(ex.ids)).toEqual(Array.from(ex.sentence.subarray(0, m.verb)));
    expect(ex.label).toBe(m.number);
  } else if (m.framing === "lm") {
    expect(ex.ids).toBe(ex.sentence);
    expect(ex.label).toBe(m.number);
  } else {
    const diff = Array.from(ex.ids).flatMap((id, i) => (id === ex.sentence[i] ? [] : [i]));
    expect(diff).toEqual(m.grammatical ? [] : [m.verb]);
    if (!m.grammatical) expect(ex.ids[m.verb]).toBe(m.wrong);
    expect(ex.label).toBe(m.grammatical ? 1 : 0);
  }
}

describe("AgreementGenerator", () => {
  for (const preset of ["easy", "default", "hard"] as const) {
    it(`keeps every invariant on the ${preset} preset`, () => {
      const [gen, examples] = draw({ preset }, 300, 7);
      const c = gen.config;
      for (const ex of examples) {
        checkExample(gen, ex);
        expect(ex.meta.distance).toBeGreaterThanOrEqual(c.distance[0]);
        expect(ex.meta.distance).toBeLessThanOrEqual(c.distance[1]);
        expect(ex.meta.attractors).toBeGreaterThanOrEqual(c.attractors[0]);
        expect(ex.meta.attractors).toBeLessThanOrEqual(c.attractors[1]);
      }
    });
  }

  it("keeps every invariant under the grammaticality and lm framings and odd knobs", () => {
    const configs: AgreementOptions[] = [
      { preset: "default", framing: "grammaticality", target: "main" },
      { preset: "hard", framing: "lm", target: "deepest" },
      { preset: "default", framing: "lm", material: { pp: 0 }, attractors: [0, 2] },
      { preset: "easy", material: { rc: 0 }, distance: [1, 60], attractors: [0, 19] },
      { preset: "default", nesting: [0, 4], distance: [1, 80], prefix: [0, 3], enclosing: [0, 1] },
      { preset: "default", lexicon: { animate: 6, inanimate: 3, adjectives: 1, verbs: 1 }, heldOutNouns: 2 },
    ];
    for (const options of configs) {
      const [gen, examples] = draw(options, 120, 3);
      for (const ex of examples) checkExample(gen, ex);
    }
  });

  it("hits exact distances and attractor counts, including the densest ones", () => {
    const gen = new AgreementGenerator({ preset: "default", nesting: [0, 2], target: "any" });
    const rng = new Random(5);
    for (let d = 1; d <= 40; d += 3) {
      for (let a = 0; a <= 4; a++) {
        for (let rep = 0; rep < 4; rep++) {
          let ex: AgreementExample;
          try {
            ex = gen.sample(rng, { distance: d, attractors: a });
          } catch (e) {
            // Infeasible for every nesting: the message says why.
            expect((e as Error).message).toMatch(/cannot hold/);
            expect(d).toBeLessThan(1 + 3 * a);
            continue;
          }
          expect(ex.meta.distance).toBe(d);
          expect(ex.meta.attractors).toBe(a);
          checkExample(gen, ex);
        }
      }
    }
  });

  it("is a pure function of the seed, and the framing does not change the sentences", () => {
    const [, a] = draw({ preset: "default" }, 50, 11);
    const [, b] = draw({ preset: "default" }, 50, 11);
    const [, lm] = draw({ preset: "default", framing: "lm" }, 50, 11);
    const [, other] = draw({ preset: "default" }, 50, 12);
    const text = (xs: AgreementExample[]) => xs.map((x) => Array.from(x.sentence).join(","));
    expect(text(a)).toEqual(text(b));
    expect(a.map((x) => x.meta)).toEqual(b.map((x) => x.meta));
    expect(text(lm)).toEqual(text(a));
    expect(text(other)).not.toEqual(text(a));
  });

  it("balances labels by pluralRate and honours a forced number", () => {
    const share = (xs: AgreementExample[]) => xs.filter((x) => x.meta.number === 1).length / xs.length;
    expect(share(draw({ preset: "default" }, 2000, 2)[1])).toBeCloseTo(0.5, 1);
    expect(share(draw({ preset: "default", pluralRate: 0.2 }, 2000, 2)[1])).toBeCloseTo(0.2, 1);
    expect(share(draw({ preset: "easy", pluralRate: 0 }, 200)[1])).toBe(0);
    expect(share(draw({ preset: "easy", pluralRate: 0 }, 200, 1, { number: 1 })[1])).toBe(1);
    const [, g] = draw({ preset: "default", framing: "grammaticality" }, 2000, 2);
    expect(g.filter((x) => x.label === 1).length / g.length).toBeCloseTo(0.5, 1);
  });

  it("spreads the target level over 0 … nesting with target any", () => {
    const [, xs] = draw({ preset: "hard" }, 600, 4);
    const depths = new Set(xs.map((x) => x.meta.depth));
    expect([...depths].sort()).toEqual([0, 1, 2, 3]);
  });

  it("keeps held-out nouns out of every agreement subject in train, and uses them in the held-out split", () => {
    const heldOut = new Set(W.ANIMATE_NOUNS.slice(-4).flat());
    const [gen, train] = draw({ preset: "default" }, 500, 9);
    for (const ex of train) {
      expect(ex.meta.heldOut).toBe(false);
      for (const p of ex.meta.pairs) expect(heldOut.has(gen.vocabulary.word(ex.sentence[p.subject]))).toBe(false);
    }
    // Role "subject" still lets them appear elsewhere; role "all" does not.
    const anywhere = (xs: AgreementExample[], g: AgreementGenerator) =>
      xs.some((x) => g.vocabulary.decode(x.sentence).some((w) => heldOut.has(w)));
    expect(anywhere(train, gen)).toBe(true);
    const [genAll, trainAll] = draw({ preset: "default", heldOutRole: "all" }, 500, 9);
    expect(anywhere(trainAll, genAll)).toBe(false);
    const [, test] = draw({ preset: "default" }, 100, 9, { heldOut: true });
    for (const ex of test) {
      expect(ex.meta.heldOut).toBe(true);
      expect(heldOut.has(gen.vocabulary.word(ex.sentence[ex.meta.subject]))).toBe(true);
    }
    expect(() => draw({ preset: "easy" }, 1, 1, { heldOut: true })).toThrow(
      new RangeError("AgreementGenerator.sample: options.heldOut needs config.heldOutNouns > 0, got 0"),
    );
  });

  it("uses only the configured lexicon, material and neutral nouns", () => {
    const [gen, xs] = draw(
      { preset: "default", lexicon: { animate: 4 }, heldOutNouns: 0, neutralNouns: 0, material: { rc: 0 } },
      300,
    );
    const animate = new Set(W.ANIMATE_NOUNS.flat());
    const allowed = new Set(W.ANIMATE_NOUNS.slice(0, 4).flat());
    const neutral = new Set(W.NEUTRAL_NOUNS.map((n) => n[0]));
    const past = new Set([
      ...W.PAST_INTRANSITIVE_VERBS,
      ...W.PAST_INANIMATE_VERBS.map((v) => v[0]),
      ...W.PAST_TRANSITIVE_VERBS.map((v) => v[0]),
    ]);
    const relatives = new Set([...W.ANIMATE_RELATIVES, ...W.INANIMATE_RELATIVES]);
    for (const ex of xs) {
      const words = gen.vocabulary.decode(ex.sentence);
      for (const w of words) if (animate.has(w)) expect(allowed.has(w)).toBe(true);
      // neutralNouns 0 keeps number-neutral nouns out of every noun phrase but those of the target gap (where the gap
      // rule puts them); a bare "near water" (2 leftover tokens) may stand anywhere.
      const prepositions = new Set(W.PREPOSITIONS.map((p) => p[0]));
      words.forEach((w, i) => {
        if (neutral.has(w) && !prepositions.has(words[i - 1])) {
          expect(i).toBeGreaterThan(ex.meta.subject);
          expect(i).toBeLessThan(ex.meta.verb);
        }
      });
      // Without relative clauses (rc 0) no past verb at all: a 2-token segment is a bare "near water".
      words.forEach((w, i) => {
        if (past.has(w)) {
          expect(relatives.has(words[i - 1])).toBe(true);
          expect(W.PAST_TRANSITIVE_VERBS.some((v) => v[0] === w)).toBe(false);
        }
      });
    }
    const [gen2, ys] = draw({ preset: "default", neutralNouns: 1, material: { pp: 0 } }, 100);
    expect(ys.some((x) => gen2.vocabulary.decode(x.sentence).some((w) => neutral.has(w)))).toBe(true);
    for (const y of ys) expect(y.meta.structure.split(" ")).not.toContain("pp");
  });

  it("pins its argument errors", () => {
    const gen = new AgreementGenerator("default");
    const rng = new Random(1);
    expect(() => gen.sample(rng, { number: 2 as 0 })).toThrow(
      new TypeError("AgreementGenerator.sample: options.number must be one of 0, 1, got 2"),
    );
    expect(() => gen.sample(rng, { distance: [5, 2] })).toThrow(
      new RangeError("AgreementGenerator.sample: options.distance must have min ≤ max, got [5, 2]"),
    );
    expect(() => gen.sample(rng, { distance: 3, attractors: 2 })).toThrow(
      new RangeError(
        "AgreementGenerator.sample: distance [3, 3] cannot hold 0 nested clause(s) and 2 attractor(s) (needs at least 7)",
      ),
    );
    expect(() => new AgreementGenerator({ preset: "nope" as "easy" })).toThrow(
      new TypeError('agreementConfig: preset must be one of "easy", "default", "hard", got "nope"'),
    );
  });

  it("grows its buffers for a forced distance beyond the configured range", () => {
    const gen = new AgreementGenerator("default");
    const rng = new Random(8);
    for (let i = 0; i < 20; i++) {
      const ex = gen.sample(rng, { distance: [300, 400], attractors: 4 });
      expect(ex.meta.distance).toBeGreaterThanOrEqual(300);
      expect(ex.meta.length).toBeGreaterThan(gen.maxLength);
      expect(ex.meta.length).toBeLessThanOrEqual(gen.maxLength - 40 + 400);
      expect(ex.sentence[ex.meta.length - 1]).toBe(gen.lexicon.period);
      expect(ex.sentence.every((id) => id >= 4)).toBe(true);
      expect(ex.meta.attractors).toBe(4);
      expect(ex.sentence[ex.meta.verb]).toBe(ex.meta.correct);
    }
  });

  it("bounds sentence length by maxLength for extreme knobs", () => {
    const options: AgreementOptions = {
      preset: "hard",
      prefix: [30, 30],
      enclosing: [9, 9],
      nesting: [3, 3],
      distance: [120, 120],
    };
    const [gen, xs] = draw(options, 100);
    expect(gen.config).toEqual(agreementConfig(options));
    for (const ex of xs) checkExample(gen, ex);
  });
});
