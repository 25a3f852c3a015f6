import { describe, expect, it } from "vitest";
import { summarize } from "./stats";

describe("summarize", () => {
  it("takes the middle value of an odd count and the relative range", () => {
    expect(summarize([5, 1, 4, 2, 3])).toEqual({ median: 3, min: 1, max: 5, spread: 4 / 3, n: 5 });
  });

  it("averages the two middle values of an even count", () => {
    expect(summarize([10, 40, 20, 30])).toEqual({ median: 25, min: 10, max: 40, spread: 30 / 25, n: 4 });
  });

  it("gives spread 0 for one sample", () => {
    expect(summarize([7])).toEqual({ median: 7, min: 7, max: 7, spread: 0, n: 1 });
  });

  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    summarize(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it("rejects an empty list and non-finite samples", () => {
    expect(() => summarize([])).toThrow("summarize: values must be a non-empty array of numbers, got an empty array");
    expect(() => summarize([1, Number.NaN])).toThrow("summarize: values[1] must be a finite number, got NaN");
  });
});
