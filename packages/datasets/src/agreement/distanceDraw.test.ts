import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { agreementConfig } from "./config";
import { AgreementGenerator } from "./generator";

describe("distanceDraw", () => {
  const knobs = { preset: "easy", distance: [1, 40], attractors: [0, 0] } as const;

  function shares(draw: "uniform" | "logUniform", n = 8000): number[] {
    const gen = new AgreementGenerator({ ...knobs, distanceDraw: draw });
    const rng = new Random(7);
    const edges = [1, 2, 3, 5, 9, 17, 33, 41];
    const counts = new Array<number>(edges.length - 1).fill(0);
    for (let i = 0; i < n; i++) {
      const d = gen.sample(rng).meta.distance;
      counts[edges.findIndex((e, k) => d >= e && d < edges[k + 1]!)]! += 1;
    }
    return counts.map((c) => c / n);
  }

  it("logUniform gives each doubling of the distance about the same share (probability ∝ 1/d)", () => {
    const s = shares("logUniform");
    // Expected shares of Σ_{d∈bucket} 1/d over Σ_{d=1..40} 1/d (H₄₀ ≈ 4.28): 0.234, 0.117, 0.136, 0.149, 0.157, 0.161, 0.046.
    const h = (lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_, k) => 1 / (lo + k)).reduce((a, b) => a + b, 0);
    const expected = [[1, 1], [2, 2], [3, 4], [5, 8], [9, 16], [17, 32], [33, 40]].map(([lo, hi]) => h(lo!, hi!) / h(1, 40));
    s.forEach((share, k) => expect(Math.abs(share - expected[k]!)).toBeLessThan(0.015));
  });

  it("uniform (every preset's default) draws long distances most often", () => {
    expect(agreementConfig("easy").distanceDraw).toBe("uniform");
    const s = shares("uniform");
    expect(s[0]).toBeLessThan(0.04);
    expect(s[5]).toBeGreaterThan(0.35);
  });

  it("is a pure function of the seed, and a forced distance ignores the draw", () => {
    const a = new AgreementGenerator({ ...knobs, distanceDraw: "logUniform" });
    const b = new AgreementGenerator({ ...knobs, distanceDraw: "logUniform" });
    const [ra, rb] = [new Random(3), new Random(3)];
    for (let i = 0; i < 50; i++) expect(Array.from(a.sample(ra).sentence)).toEqual(Array.from(b.sample(rb).sentence));
    expect(a.sample(new Random(1), { distance: 30 }).meta.distance).toBe(30);
  });

  it("names the valid values when given another", () => {
    expect(() => agreementConfig({ distanceDraw: "log" as never })).toThrow(/^agreementConfig: distanceDraw must be one of "uniform", "logUniform", got "log"$/);
  });
});
