import { describe, expect, it } from "vitest";
import { agreementTestSets, equalDistanceBins, logDistanceBuckets } from "./testSets";

describe("agreementTestSets", () => {
  const sets = agreementTestSets(5, "default", { perBucket: 40 });

  it("fills every distance bucket with examples in range, half of each number", () => {
    // Log-spaced by default: the short range gets buckets of its own.
    expect(sets.byDistance.map((b) => b.distance)).toEqual([
      [4, 4],
      [5, 8],
      [9, 16],
      [17, 32],
      [33, 40],
    ]);
    for (const { distance, examples } of sets.byDistance) {
      expect(examples).toHaveLength(40);
      for (const x of examples) {
        expect(x.meta.distance).toBeGreaterThanOrEqual(distance[0]);
        expect(x.meta.distance).toBeLessThanOrEqual(distance[1]);
      }
      expect(examples.filter((x) => x.meta.number === 1)).toHaveLength(20);
    }
  });

  it("fills every attractor bucket with exactly that many attractors (Linzen's numpred.test.k)", () => {
    expect(sets.byAttractors.map((b) => b.attractors)).toEqual([0, 1, 2, 3, 4]);
    for (const { attractors, examples } of sets.byAttractors) {
      expect(examples.every((x) => x.meta.attractors === attractors)).toBe(true);
      expect(examples.filter((x) => x.label === 0)).toHaveLength(20);
    }
  });

  it("collects every sentence, is deterministic, and honours explicit buckets", () => {
    for (const b of [...sets.byDistance, ...sets.byAttractors])
      for (const x of b.examples) expect(sets.sentences.has(x)).toBe(true);
    const again = agreementTestSets(5, "default", { perBucket: 40 });
    expect(again.byAttractors[3].examples.map((x) => x.meta)).toEqual(sets.byAttractors[3].examples.map((x) => x.meta));
    const custom = agreementTestSets(5, "default", {
      perBucket: 4,
      distances: [30, [50, 60]],
      attractors: [6],
      heldOut: true,
    });
    expect(custom.byDistance[1].examples.every((x) => x.meta.distance >= 50 && x.meta.heldOut)).toBe(true);
    expect(custom.byAttractors[0].examples.every((x) => x.meta.attractors === 6)).toBe(true);
  });

  it("rejects impossible buckets and options", () => {
    expect(() => agreementTestSets(5, "easy", { perBucket: 1, attractors: [6] })).toThrow(
      new RangeError(
        "AgreementGenerator.sample: distance [1, 16] cannot hold 0 nested clause(s) and 6 attractor(s) (needs at least 19)",
      ),
    );
    expect(() => agreementTestSets(5, "easy", { heldOut: true })).toThrow(
      new RangeError("agreementTestSets: options.heldOut needs config.heldOutNouns > 0, got 0"),
    );
    expect(() => agreementTestSets(5, "easy", { distances: [[3, 1]] })).toThrow(
      new RangeError("agreementTestSets: options.distances[0] must have min ≤ max, got [3, 1]"),
    );
  });
});

describe("logDistanceBuckets", () => {
  it("ends each bucket at a power of two, clipped to the range", () => {
    expect(logDistanceBuckets(1, 40)).toEqual([
      [1, 1],
      [2, 2],
      [3, 4],
      [5, 8],
      [9, 16],
      [17, 32],
      [33, 40],
    ]);
    expect(logDistanceBuckets(1, 64).at(-1)).toEqual([33, 64]);
    expect(logDistanceBuckets(1, 65).slice(-2)).toEqual([
      [33, 64],
      [65, 65],
    ]);
    expect(logDistanceBuckets(6, 12)).toEqual([
      [6, 8],
      [9, 12],
    ]);
    expect(logDistanceBuckets(20, 20)).toEqual([[20, 20]]);
    expect(logDistanceBuckets(8, 120)).toEqual([
      [8, 8],
      [9, 16],
      [17, 32],
      [33, 64],
      [65, 120],
    ]);
  });

  it("covers [lo, hi] exactly, without gaps or overlaps", () => {
    for (const [lo, hi] of [
      [1, 1],
      [1, 2],
      [3, 100],
      [7, 2000],
    ]) {
      const b = logDistanceBuckets(lo, hi);
      expect(b[0][0]).toBe(lo);
      expect(b.at(-1)![1]).toBe(hi);
      for (let i = 1; i < b.length; i++) expect(b[i][0]).toBe(b[i - 1][1] + 1);
      for (const [a, z] of b) expect(a).toBeLessThanOrEqual(z);
    }
  });

  it("pins its argument errors", () => {
    expect(() => logDistanceBuckets(0, 5)).toThrow(new RangeError("logDistanceBuckets: lo must be in [1, ∞), got 0"));
    expect(() => logDistanceBuckets(5, 4)).toThrow(new RangeError("logDistanceBuckets: hi must be in [5, ∞), got 4"));
  });

  it("starts the default buckets at the shortest distance the structure allows", () => {
    // target main with a nested clause always: no sentence is shorter than 5 ("that the dogs chase" + verb).
    const sets = agreementTestSets(2, { preset: "default", target: "main", nesting: [1, 1] }, { perBucket: 4 });
    expect(sets.byDistance.map((b) => b.distance)).toEqual([
      [5, 8],
      [9, 16],
      [17, 32],
      [33, 40],
    ]);
  });
});

describe("equalDistanceBins", () => {
  it("cuts a range into at most 5 contiguous bins", () => {
    expect(equalDistanceBins([1, 10])).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
      [9, 10],
    ]);
    expect(equalDistanceBins([3, 5])).toEqual([
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
    expect(equalDistanceBins([8, 120])).toEqual([
      [8, 29],
      [30, 52],
      [53, 74],
      [75, 97],
      [98, 120],
    ]);
    expect(equalDistanceBins([1, 40], 2)).toEqual([
      [1, 20],
      [21, 40],
    ]);
  });
});
