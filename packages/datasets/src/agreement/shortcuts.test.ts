import { describe, expect, it } from "vitest";
import { generateAgreement } from "./dataset";
import type { AgreementExample } from "./generator";
import { AgreementGenerator } from "./generator";
import type { AgreementOptions } from "./config";
import { AUDIT_SHORTCUTS, agreementShortcuts, shortcutAudit, shortcutGuesses } from "./shortcuts";
import { DEMO_KNOBS, PREFIX_VARIANT_KNOBS } from "./knobs.fixture";

describe("shortcutGuesses", () => {
  it("reads the nouns before the target verb, ignoring number-neutral ones", () => {
    const gen = new AgreementGenerator("default");
    const [x] = generateAgreement(1, "default", 1);
    const words = gen.vocabulary.decode(x.sentence.subarray(0, x.meta.verb));
    // "luckily , the large baby that the man with the pies behind the gardens around the knife often watches" → baby.
    const numbered = words.filter(
      (w) => gen.lexicon.isNoun[gen.vocabulary.id(w)] && gen.lexicon.numberOf[gen.vocabulary.id(w)] >= 0,
    );
    expect(numbered).toEqual(["baby", "man", "pies", "gardens", "knife"]);
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

// The audit the demo prints. Every memory-free strategy must stay ≤ 55% beyond distance 3 on the
// presets and the CLI demo's knobs, and must catch a dataset that leaks.
describe("shortcutAudit", () => {
  const audit = (options: AgreementOptions, transform = (x: AgreementExample) => x) =>
    shortcutAudit(
      generateAgreement(1, options, 3000).map(transform),
      generateAgreement(1, options, 3000, { split: "test" }).map(transform),
      new AgreementGenerator(options).lexicon,
    );
  const byName = (rows: ReturnType<typeof audit>) => Object.fromEntries(rows.map((r) => [r.name, r.accuracy]));

  const clean: [string, AgreementOptions][] = [
    ["easy, distance 1–40, attractors 0–4", { preset: "easy", distance: [1, 40], attractors: [0, 4] }],
    ["default", { preset: "default" }],
    ["hard", { preset: "hard" }],
    ["the CLI demo's knobs", DEMO_KNOBS],
    ["the previous demo's prefix variant", PREFIX_VARIANT_KNOBS],
  ];
  for (const [name, options] of clean) {
    it(`finds no shortcut above 55% beyond distance 3 (${name})`, () => {
      const rows = audit(options);
      expect(rows.map((r) => r.name)).toEqual([...AUDIT_SHORTCUTS]);
      const far = generateAgreement(1, options, 3000, { split: "test" }).filter((x) => x.meta.distance >= 4).length;
      for (const r of rows) {
        expect(r.count).toBe(far);
        expect(r.accuracy, `${name}: ${r.name}`).toBeLessThanOrEqual(0.55);
        expect(r.accuracy, `${name}: ${r.name}`).toBeGreaterThan(0.45);
      }
    });
  }

  it("catches number on determiners (the first word of a subject-first sentence)", () => {
    const s = byName(audit({ preset: "easy", distance: [1, 40], attractors: [0, 4], determiners: "varied" }));
    expect(s.firstWord).toBeGreaterThan(0.6);
  });

  it("catches the old gap rule (every numbered gap noun but the attractors has the subject's number)", () => {
    // Simulated on the new sentences: the gap's number-neutral nouns become nouns of the subject's number.
    const gen = new AgreementGenerator(PREFIX_VARIANT_KNOBS);
    const lex = gen.lexicon;
    const oldRule = (x: AgreementExample): AgreementExample => {
      const sentence = x.sentence.slice();
      for (let p = x.meta.subject + 1; p < x.meta.verb; p++) {
        if (lex.isNoun[sentence[p]] && lex.numberOf[sentence[p]] < 0) {
          sentence[p] = x.meta.number === 1 ? lex.nounPlural[0] : lex.nounSingular[0];
        }
      }
      return { ...x, sentence, ids: sentence.subarray(0, x.meta.verb) };
    };
    const s = byName(audit(PREFIX_VARIANT_KNOBS, oldRule));
    expect(s.nounCounts).toBeGreaterThan(0.6);
    expect(s.nounMajority).toBeGreaterThan(0.6);
    expect(s.lastNoun).toBeGreaterThan(0.6);
  });

  it("fits on the fit examples only, and counts only examples from minDistance on", () => {
    const gen = new AgreementGenerator("easy");
    const test = generateAgreement(3, "easy", 400, { split: "test" });
    // A fit set of only plural subjects: every table says plural, so every strategy scores the plural share.
    const plural = generateAgreement(3, { preset: "easy", pluralRate: 1 }, 400);
    const share = test.filter((x) => x.meta.distance >= 2 && x.meta.number === 1).length;
    const rows = shortcutAudit(plural, test, gen.lexicon, { minDistance: 2 });
    const count = test.filter((x) => x.meta.distance >= 2).length;
    for (const r of rows) expect(r).toEqual({ name: r.name, accuracy: share / count, count });
    expect(shortcutAudit([], [], gen.lexicon)).toEqual(AUDIT_SHORTCUTS.map((name) => ({ name, accuracy: 0, count: 0 })));
    expect(() => shortcutAudit([], [], gen.lexicon, { minDistance: -1 })).toThrow(
      new RangeError("shortcutAudit: options.minDistance must be in [0, ∞), got -1"),
    );
    expect(() => shortcutAudit([], [], gen.lexicon, { pairs: "some" as "all" })).toThrow(
      new TypeError('shortcutAudit: options.pairs must be one of "target", "all", got "some"'),
    );
  });

  it("audits every agreement pair with pairs: all (what the lm framing scores)", () => {
    const options: AgreementOptions = { preset: "default", framing: "lm" };
    const fit = generateAgreement(1, options, 1500);
    const test = generateAgreement(1, options, 1500, { split: "test" });
    const lex = new AgreementGenerator(options).lexicon;
    const all = shortcutAudit(fit, test, lex, { pairs: "all", minDistance: 1 });
    const pairs = test.reduce((n, x) => n + x.meta.pairs.length, 0);
    expect(all.every((r) => r.count === pairs)).toBe(true);
    // The same as auditing one example per pair, each pair made the target.
    const asTargets = (xs: AgreementExample[]) =>
      xs.flatMap((x) =>
        x.meta.pairs.map((p) => ({
          ...x,
          meta: { ...x.meta, subject: p.subject, verb: p.verb, number: p.number, distance: p.verb - p.subject },
        })),
      );
    expect(shortcutAudit(asTargets(fit), asTargets(test), lex, { minDistance: 1 })).toEqual(all);
    // The prefix pairs ("while the dogs sleep ,") sit at distance 1: there the last noun is the subject.
    expect(all.find((r) => r.name === "lastNoun")!.accuracy).toBeGreaterThan(0.6);
  });
});
