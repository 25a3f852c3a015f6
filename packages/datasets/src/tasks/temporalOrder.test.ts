import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { TEMPORAL_ORDER_SYMBOLS, temporalOrder } from "./temporalOrder";

/** Decodes one sequence of a batch to its symbols ("?" for a step that is not one-hot). */
function symbols(inputs: Float32Array, B: number, b: number, L: number): string[] {
  const F = TEMPORAL_ORDER_SYMBOLS.length;
  return Array.from({ length: L }, (_, t) => {
    const row = inputs.subarray((t * B + b) * F, (t * B + b + 1) * F);
    return row.reduce((a, v) => a + v, 0) === 1 ? TEMPORAL_ORDER_SYMBOLS[row.indexOf(1)] : "?";
  });
}

describe("temporalOrder", () => {
  it("task 6a: E … X/Y at 10–20 and 50–60 … B; class from the X/Y order", () => {
    const task = temporalOrder();
    expect([task.inputSize, task.outputSize, task.maxLength]).toEqual([8, 4, 110]);
    expect(task.baseline).toEqual({ metric: "error", value: 0.75, predictor: "chance" });
    const batch = task.sample(new Random(2), 200);
    const counts = [0, 0, 0, 0];
    for (let b = 0; b < batch.B; b++) {
      const L = batch.lengths[b];
      expect(L >= 100 && L <= 110).toBe(true);
      const s = symbols(batch.inputs, batch.B, b, L);
      expect(s).not.toContain("?");
      expect(s[0]).toBe("E");
      expect(s[L - 1]).toBe("B");
      const relevant = s.flatMap((x, t) => (x === "X" || x === "Y" ? [t] : []));
      expect(relevant).toHaveLength(2);
      expect(relevant[0] >= 10 && relevant[0] <= 20 && relevant[1] >= 50 && relevant[1] <= 60).toBe(true);
      const label = relevant.reduce((acc, t) => acc * 2 + (s[t] === "Y" ? 1 : 0), 0);
      expect(batch.targets[b]).toBe(label);
      counts[label]++;
    }
    expect(Math.min(...counts)).toBeGreaterThan(30);
  });

  it("task 6b: three symbols and 8 classes, positions scaled with the length; fixed length without jitter", () => {
    const task = temporalOrder({ length: 200, classes: 8, jitter: 0 });
    expect(task.baseline.value).toBe(0.875);
    const batch = task.sample(new Random(5), 100);
    expect(batch.T).toBe(200);
    for (let b = 0; b < batch.B; b++) {
      const s = symbols(batch.inputs, batch.B, b, 200);
      expect(s).not.toContain("?");
      const relevant = s.flatMap((x, t) => (x === "X" || x === "Y" ? [t] : []));
      expect(relevant).toHaveLength(3);
      expect(relevant[0] >= 20 && relevant[0] <= 40).toBe(true);
      expect(relevant[1] >= 66 && relevant[1] <= 86).toBe(true);
      expect(relevant[2] >= 132 && relevant[2] <= 152).toBe(true);
      expect(batch.targets[b]).toBe(relevant.reduce((acc, t) => acc * 2 + (s[t] === "Y" ? 1 : 0), 0));
    }
  });

  it("pins its errors", () => {
    expect(() => temporalOrder({ classes: 6 as 4 })).toThrow(
      new TypeError("temporalOrder: options.classes must be one of 4, 8, got 6"),
    );
    expect(() => temporalOrder({ length: 5 })).toThrow(
      new RangeError("temporalOrder: options.length must be in [10, ∞), got 5"),
    );
  });
});
