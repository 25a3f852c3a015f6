import { describe, expect, it } from "vitest";
import { agreementTestSets, defaultDistanceBins } from "./testSets";

describe("agreementTestSets", () => {
  const sets = agreementTestSets(5, "default", { perBucket: 40 });

  it("fills every distance bucket with examples in range, half of each number", () => {
    expect(sets.byDistance.map((b) => b.distance)).toEqual([
      [4, 10],
      [11, 17],
      [18, 25],
      [26, 32],
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

describe("defaultDistanceBins", () => {
  it("cuts a range into at most 5 contiguous bins", () => {
    expect(defaultDistanceBins([1, 10])).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
      [9, 10],
    ]);
    expect(defaultDistanceBins([3, 5])).toEqual([
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
    expect(defaultDistanceBins([8, 120])).toEqual([
      [8, 29],
      [30, 52],
      [53, 74],
      [75, 97],
      [98, 120],
    ]);
  });
});
