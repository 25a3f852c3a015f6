import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { addingProblem } from "./adding";
import { taskBatches } from "./sequenceTask";

describe("addingProblem (modern)", () => {
  const task = addingProblem({ length: 50 });
  const batch = task.sample(new Random(1), 256);

  it("marks one step in each half and targets the sum of the marked values", () => {
    expect([batch.T, batch.B, batch.F, task.inputSize, task.outputSize]).toEqual([50, 256, 2, 2, 1]);
    expect(batch.kind).toBe("regression");
    expect(batch.targetLayout).toBe("last");
    for (let b = 0; b < batch.B; b++) {
      const marked: number[] = [];
      let sum = 0;
      for (let t = 0; t < batch.T; t++) {
        const v = batch.inputs[(t * batch.B + b) * 2];
        expect(v >= 0 && v < 1).toBe(true);
        if (batch.inputs[(t * batch.B + b) * 2 + 1] === 1) {
          marked.push(t);
          sum += v;
        }
      }
      expect(marked).toHaveLength(2);
      expect(marked[0]).toBeLessThan(25);
      expect(marked[1]).toBeGreaterThanOrEqual(25);
      expect(batch.targets[b]).toBeCloseTo(sum, 5);
    }
    expect(batch.mask.every((m) => m === 1)).toBe(true);
  });

  it("has the baseline it claims: predicting 1 gives MSE ≈ 1/6", () => {
    expect(task.baseline).toEqual({ metric: "mse", value: 1 / 6, predictor: "constant 1" });
    let se = 0;
    let n = 0;
    for (const b of taskBatches(task, 2, { batchSize: 1000, count: 20 })) {
      for (const y of b.targets) (se += (y - 1) ** 2), n++;
    }
    expect(se / n).toBeCloseTo(1 / 6, 2);
  });
});

describe("addingProblem (hochreiter)", () => {
  const task = addingProblem({ length: 100, variant: "hochreiter" });

  it("follows Hochreiter & Schmidhuber's experiment 4", () => {
    const batch = task.sample(new Random(3), 300);
    expect(task.maxLength).toBe(110);
    const at = (t: number, b: number) => (t * batch.B + b) * 2;
    for (let b = 0; b < batch.B; b++) {
      const L = batch.lengths[b];
      expect(L >= 100 && L <= 110).toBe(true);
      expect(batch.mask[(L - 1) * batch.B + b]).toBe(1);
      if (L < batch.T) expect(batch.mask[L * batch.B + b]).toBe(0);
      const marks = Array.from({ length: L }, (_, t) => batch.inputs[at(t, b) + 1]);
      const ones = marks.flatMap((m, t) => (m === 1 ? [t] : []));
      expect(ones).toHaveLength(2);
      expect(ones.some((t) => t < 10)).toBe(true);
      expect(ones.every((t) => t <= 49)).toBe(true); // X2 is among the first 49 unmarked steps
      expect(marks[L - 1]).toBe(-1);
      if (!ones.includes(0)) expect(marks[0]).toBe(-1);
      else expect(batch.inputs[at(0, b)]).toBe(0);
      expect(marks.filter((m) => m !== 0 && m !== 1 && m !== -1)).toEqual([]);
      const x = ones.map((t) => batch.inputs[at(t, b)]);
      expect(batch.targets[b]).toBeCloseTo(0.5 + (x[0] + x[1]) / 4, 5);
    }
  });

  it("has the baseline it claims: predicting 0.5 gives MSE ≈ (1.9 − 0.9/49)/48", () => {
    expect(task.baseline.value).toBeCloseTo((1.9 - 0.9 / 49) / 48, 12);
    let se = 0;
    let n = 0;
    for (const b of taskBatches(task, 4, { batchSize: 1000, count: 30 }))
      for (const y of b.targets) (se += (y - 0.5) ** 2), n++;
    expect(Math.abs(se / n - task.baseline.value)).toBeLessThan(0.0015);
  });

  it("pins its errors", () => {
    expect(() => addingProblem({ length: 10, variant: "hochreiter" })).toThrow(
      new RangeError("addingProblem: options.length must be in [20, ∞), got 10"),
    );
    expect(() => addingProblem({ length: 10, variant: "lstm" as "modern" })).toThrow(
      new TypeError('addingProblem: options.variant must be one of "modern", "hochreiter", got "lstm"'),
    );
    expect(() => task.sample(new Random(1), 0)).toThrow(
      new RangeError("addingProblem.sample: batchSize must be in [1, ∞), got 0"),
    );
  });
});
