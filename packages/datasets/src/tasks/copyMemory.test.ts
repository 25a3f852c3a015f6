import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { copyMemory } from "./copyMemory";

describe("copyMemory", () => {
  const task = copyMemory({ delay: 30 });
  const batch = task.sample(new Random(4), 64);
  const F = 10;
  const symbol = (t: number, b: number) => batch.inputs.subarray((t * 64 + b) * F, (t * 64 + b + 1) * F).indexOf(1);

  it("lays out data, blanks, delimiter, blanks; the target repeats the data at the end", () => {
    expect([batch.T, batch.F, task.outputSize, batch.classes, batch.targetLayout]).toEqual([50, 10, 9, 9, "all"]);
    for (let b = 0; b < 64; b++) {
      const input = Array.from({ length: 50 }, (_, t) => symbol(t, b));
      const target = Array.from({ length: 50 }, (_, t) => batch.targets[t * 64 + b]);
      expect(input.slice(0, 10).every((s) => s >= 1 && s <= 8)).toBe(true);
      expect(input.slice(10, 39)).toEqual(new Array(29).fill(0));
      expect(input[39]).toBe(9);
      expect(input.slice(40)).toEqual(new Array(10).fill(0));
      expect(target.slice(0, 40)).toEqual(new Array(40).fill(0));
      expect(target.slice(40)).toEqual(input.slice(0, 10));
    }
  });

  it("has the memoryless baseline 10·ln 8/(T + 20), which that predictor scores exactly", () => {
    expect(task.baseline.value).toBeCloseTo((10 * Math.log(8)) / 50, 12);
    // Blank with probability 1 until the recall, then uniform over the 8 data symbols.
    let ce = 0;
    for (let t = 0; t < 50; t++) for (let b = 0; b < 64; b++) ce += t < 40 ? 0 : Math.log(8);
    expect(ce / (50 * 64)).toBeCloseTo(task.baseline.value, 12);
  });

  it("pins its errors", () => {
    expect(() => copyMemory({ delay: 0 })).toThrow(
      new RangeError("copyMemory: options.delay must be in [1, ∞), got 0"),
    );
    expect(() => copyMemory({ delay: 5, symbols: 1 })).toThrow(
      new RangeError("copyMemory: options.symbols must be in [2, ∞), got 1"),
    );
  });
});
