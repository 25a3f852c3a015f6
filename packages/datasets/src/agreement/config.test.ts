import { describe, expect, it } from "vitest";
import { AGREEMENT_PRESETS, agreementConfig, maxAttractorsFor, minDistanceFor, nounCost } from "./config";

describe("agreementConfig", () => {
  it("resolves presets and overrides, normalising ranges", () => {
    expect(agreementConfig()).toEqual(AGREEMENT_PRESETS.default);
    expect(agreementConfig("hard")).toEqual(AGREEMENT_PRESETS.hard);
    const c = agreementConfig({
      preset: "easy",
      distance: 7,
      framing: "lm",
      lexicon: { animate: 10 },
      material: { rc: 0 },
    });
    expect(c.distance).toEqual([7, 7]);
    expect(c.framing).toBe("lm");
    expect(c.lexicon).toEqual({ ...AGREEMENT_PRESETS.easy.lexicon, animate: 10 });
    expect(c.material).toEqual({ pp: 1, rc: 0 });
    expect(agreementConfig(c)).toEqual(c);
    expect(Object.isFrozen(c) && Object.isFrozen(c.distance) && Object.isFrozen(c.lexicon)).toBe(true);
  });

  it("describes the presets the README promises", () => {
    expect(AGREEMENT_PRESETS.easy).toMatchObject({
      prefix: [0, 0],
      nesting: [0, 0],
      target: "main",
      attractors: [0, 1],
    });
    expect(AGREEMENT_PRESETS.default).toMatchObject({
      nesting: [1, 2],
      target: "any",
      prefix: [0, 12],
      distance: [4, 40],
    });
    expect(AGREEMENT_PRESETS.hard).toMatchObject({ nesting: [2, 3], distance: [8, 120], attractors: [0, 8] });
  });

  it("pins its validation messages", () => {
    expect(() => agreementConfig({ framing: "cloze" as "lm" })).toThrow(
      new TypeError('agreementConfig: framing must be one of "number", "grammaticality", "lm", got "cloze"'),
    );
    expect(() => agreementConfig({ distance: [0, 5] })).toThrow(
      new RangeError("agreementConfig: distance[0] must be in [1, 2000], got 0"),
    );
    expect(() => agreementConfig({ pluralRate: 1.5 })).toThrow(
      new RangeError("agreementConfig: pluralRate must be in [0, 1], got 1.5"),
    );
    expect(() => agreementConfig({ material: { pp: 0, rc: 0 } })).toThrow(
      new RangeError("agreementConfig: material.pp + material.rc must be > 0, got 0"),
    );
    expect(() => agreementConfig({ lexicon: { animate: 5 }, heldOutNouns: 4 })).toThrow(
      new RangeError("agreementConfig: heldOutNouns must be in [0, 3], got 4"),
    );
    expect(() => agreementConfig({ nesting: 3, distance: [4, 10] })).toThrow(
      new RangeError(
        "agreementConfig: distance [4, 10] cannot hold 3 nested clause(s) and 0 attractor(s) (needs a maximum of at least 13)",
      ),
    );
    expect(() => agreementConfig({ preset: "easy", attractors: [0, 9] })).toThrow(
      new RangeError("agreementConfig: attractors max 9 cannot fit in distance max 16 (at most 5 nouns fit)"),
    );
    expect(() => agreementConfig(42 as never)).toThrow(
      new TypeError("agreementConfig: options must be an object or a preset name, got 42"),
    );
  });

  it("keeps minDistanceFor and maxAttractorsFor consistent", () => {
    for (const cost of [3, 4]) {
      for (let nested = 0; nested <= 3; nested++) {
        for (let a = 0; a <= 8; a++) {
          const d = minDistanceFor(nested, a, cost);
          expect(maxAttractorsFor(d, nested, cost)).toBeGreaterThanOrEqual(a);
          if (d - 1 >= 1 + 4 * nested && a > nested) expect(maxAttractorsFor(d - 1, nested, cost)).toBeLessThan(a);
        }
      }
    }
    expect(minDistanceFor(2, 0)).toBe(9);
    expect(maxAttractorsFor(3, 1)).toBe(-1);
    expect([nounCost({ pp: 1, rc: 0 }), nounCost({ pp: 0, rc: 1 })]).toEqual([3, 4]);
  });
});
