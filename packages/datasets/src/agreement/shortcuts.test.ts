import { describe, expect, it } from "vitest";
import { generateAgreement } from "./dataset";
import { AgreementGenerator } from "./generator";
import { agreementShortcuts, shortcutGuesses } from "./shortcuts";

describe("shortcutGuesses", () => {
  it("reads the nouns before the target verb, ignoring number-neutral ones", () => {
    const gen = new AgreementGenerator("default");
    const [x] = generateAgreement(1, "default", 1);
    const words = gen.vocabulary.decode(x.sentence.subarray(0, x.meta.verb));
    // "yesterday , the goose that the tigers near the hill inside the villages around the lion always see" → goose.
    const numbered = words.filter(
      (w) => gen.lexicon.isNoun[gen.vocabulary.id(w)] && gen.lexicon.numberOf[gen.vocabulary.id(w)] >= 0,
    );
    expect(numbered).toEqual(["goose", "tigers", "hill", "villages", "lion"]);
    expect(shortcutGuesses(x, gen.lexicon)).toEqual({ firstNoun: 0, lastNoun: 0, nounMajority: 0, mainSubject: 0 });
  });
});

// "Difficulty is a requirement": these bounds fail if a change to the grammar lets a memory-free shortcut solve the
// default or hard preset, or stops the easy control from being trivially solvable.
describe("agreementShortcuts", () => {
  const shortcuts = (preset: "easy" | "default" | "hard") =>
    agreementShortcuts(generateAgreement(2, preset, 3000, { split: "test" }), new AgreementGenerator(preset).lexicon);

  it("solves the easy control with a single latch on the first noun", () => {
    const s = shortcuts("easy");
    expect(s.count).toBe(3000);
    expect(s.firstNoun).toBe(1);
    expect(s.mainSubject).toBe(1);
  });

  it("leaves every shortcut far from solving the default and hard presets", () => {
    for (const preset of ["default", "hard"] as const) {
      const s = shortcuts(preset);
      for (const k of ["lastNoun", "majorityLabel"] as const) {
        expect(s[k], `${preset} ${k}`).toBeLessThanOrEqual(0.55);
        expect(s[k], `${preset} ${k}`).toBeGreaterThan(0.45);
      }
      // The first noun is often the target (target "any" picks the main clause a third to half of the time).
      expect(s.firstNoun, `${preset} firstNoun`).toBeLessThan(0.65);
      // The majority counts the target subject's own noun: the gap's numbers are exchangeable (gapRule.test.ts), so
      // what lifts it above ½ is the subject's one vote carried to the verb — memory, not a cue in the gap.
      expect(s.nounMajority, `${preset} nounMajority`).toBeLessThan(0.7);
      expect(s.mainSubject, `${preset} mainSubject`).toBeLessThan(0.75);
    }
  });

  it("returns zeros for no examples", () => {
    expect(agreementShortcuts([], new AgreementGenerator("easy").lexicon)).toEqual({
      count: 0,
      firstNoun: 0,
      lastNoun: 0,
      nounMajority: 0,
      mainSubject: 0,
      majorityLabel: 0,
    });
  });
});
