import { describe, expect, it } from "vitest";
import { percentileOfSorted } from "./percentile";

describe("percentileOfSorted", () => {
  it("matches numpy.percentile's linear method on hand-computed cases", () => {
    // np.percentile([1, 2, 3, 10], q) for q = 0, 10, 50, 90, 100 → 1, 1.3, 2.5, 7.9, 10
    const s = [1, 2, 3, 10];
    expect(percentileOfSorted(s, 4, 0)).toBe(1);
    expect(percentileOfSorted(s, 4, 10)).toBeCloseTo(1.3, 15);
    expect(percentileOfSorted(s, 4, 50)).toBe(2.5);
    expect(percentileOfSorted(s, 4, 90)).toBeCloseTo(7.9, 14);
    expect(percentileOfSorted(s, 4, 100)).toBe(10);
    expect(percentileOfSorted([4], 1, 10)).toBe(4);
  });

  it("reads only the first n values and is NaN for none", () => {
    expect(percentileOfSorted([1, 3, 1000], 2, 50)).toBe(2);
    expect(percentileOfSorted([], 0, 10)).toBeNaN();
  });

  it("is monotonic in p and stays within the data", () => {
    const s = [0.1, 0.1, 0.7, 2, 2, 9];
    let prev = -Infinity;
    for (let p = 0; p <= 100; p += 0.5) {
      const v = percentileOfSorted(s, s.length, p);
      expect(v).toBeGreaterThanOrEqual(prev);
      expect(v).toBeGreaterThanOrEqual(0.1);
      expect(v).toBeLessThanOrEqual(9);
      prev = v;
    }
  });
});
