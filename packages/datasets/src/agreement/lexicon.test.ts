import { describe, expect, it } from "vitest";
import { FULL_LEXICON, KIND, LEXICON_LIMITS, Lexicon } from "./lexicon";
import * as W from "./words";

describe("Lexicon", () => {
  const full = new Lexicon(FULL_LEXICON);

  it("puts every word of the active lists in the vocabulary once, in a fixed order", () => {
    const words = full.vocabulary.toJSON().words;
    expect(new Set(words).size).toBe(words.length);
    expect(full.vocabulary.size).toBe(456);
    expect(words.slice(0, 8)).toEqual([",", ".", "the", "a", "an", "this", "some", "these"]);
    expect(new Lexicon(FULL_LEXICON).vocabulary.toJSON()).toEqual(full.vocabulary.toJSON());
    for (const [sg, pl] of W.ANIMATE_NOUNS) expect(full.vocabulary.has(sg) && full.vocabulary.has(pl)).toBe(true);
  });

  it("shrinks with the sizes and keeps each list's first entries", () => {
    const small = new Lexicon({ animate: 3, inanimate: 3, adjectives: 1, verbs: 1 });
    const v = small.vocabulary;
    expect(["cat", "dogs", "man", "men", "house", "box", "apples", "old", "chases", "saw"].every((w) => v.has(w))).toBe(
      true,
    );
    expect(["girl", "garden", "big", "sees", "ate"].some((w) => v.has(w))).toBe(false);
    expect(v.size).toBeLessThan(full.vocabulary.size);
    expect(Array.from(small.nounKind)).toEqual([1, 1, 1, KIND.place, KIND.object, KIND.food]);
    expect(small.relativeVerbs.length).toBeGreaterThan(0);
  });

  it("records the number of nouns and agreeing verbs, the other verb form and vowel onsets", () => {
    const id = (w: string) => full.vocabulary.id(w);
    const n = (w: string) => full.numberOf[id(w)];
    expect([n("mouse"), n("mice"), n("children"), n("is"), n("are"), n("chases"), n("chase")]).toEqual([
      0, 1, 1, 0, 1, 0, 1,
    ]);
    expect([n("sheep"), n("ate"), n("the"), n("old")]).toEqual([-1, -1, -1, -1]);
    expect(full.otherForm[id("was")]).toBe(id("were"));
    expect(full.otherForm[id("have")]).toBe(id("has"));
    expect(full.otherForm[id("saw")]).toBe(-1);
    expect([full.vowelInitial[id("owl")], full.vowelInitial[id("uncle")], full.vowelInitial[id("dog")]]).toEqual([
      1, 1, 0,
    ]);
    expect([full.isNoun[id("sheep")], full.isNoun[id("cats")], full.isNoun[id("chase")]]).toEqual([1, 1, 0]);
  });

  it("rejects sizes outside the lists", () => {
    expect(() => new Lexicon({ ...FULL_LEXICON, animate: 1 })).toThrow(
      new RangeError(`Lexicon: sizes.animate must be in [2, ${LEXICON_LIMITS.animate[1]}], got 1`),
    );
    expect(() => new Lexicon({ ...FULL_LEXICON, verbs: 2.5 })).toThrow(
      new TypeError("Lexicon: sizes.verbs must be an integer, got 2.5"),
    );
  });
});
