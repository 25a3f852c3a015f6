import { describe, expect, it } from "vitest";
import { stepsInPast } from "./stepsInPast";

describe("stepsInPast", () => {
  it("counts the steps back from the end that stay at or above threshold × the end's norm", () => {
    expect(stepsInPast([1e-9, 1e-4, 0.02, 0.3, 1])).toBe(2);
    expect(stepsInPast([1e-9, 1e-4, 0.02, 0.3, 1], { threshold: 1e-4 })).toBe(3);
    expect(stepsInPast([1, 1, 1])).toBe(2);
    expect(stepsInPast([5])).toBe(0);
  });

  it("stops at the first step below the threshold even if older steps recover (exploding then vanishing)", () => {
    expect(stepsInPast([10, 1e-5, 1, 1], { threshold: 0.5 })).toBe(1);
  });

  it("starts from the last non-zero norm (steps after the last loss have none), or from `end`", () => {
    expect(stepsInPast([0.5, 0.6, 1, 0, 0])).toBe(2);
    expect(stepsInPast([0.001, 0.5, 1, 0.2], { end: 1 })).toBe(0);
    expect(stepsInPast([0, 0, 0])).toBe(0);
  });

  it.each<[string, () => unknown, string]>([
    ["a threshold of 0", () => stepsInPast([1], { threshold: 0 }), "stepsInPast: options.threshold must be in (0, 1], got 0"],
    ["an end out of range", () => stepsInPast([1, 2], { end: 2 }), "stepsInPast: options.end must be a step in [0, 1], got 2"],
    ["no norms", () => stepsInPast(null as never), "stepsInPast: norms must be an array of numbers, got null"],
  ])("rejects %s", (_, run, message) => {
    expect(run).toThrow(message);
  });
});
