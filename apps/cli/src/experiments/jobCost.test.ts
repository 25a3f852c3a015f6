import { describe, expect, it } from "vitest";
import { resolveRunConfig } from "../engine/config";
import { jobCost } from "./jobCost";

describe("jobCost", () => {
  it("grows with steps, batch, sequence length, gates and H²", () => {
    const base = resolveRunConfig({ task: { name: "adding", knobs: { length: 10 } }, cell: "rnn_tanh", hiddenSize: 8, steps: 10, batchSize: 4 });
    // 10 steps × 4 × T 10 × (1 gate + 1) × 64
    expect(jobCost(base)).toBe(51_200);
    expect(jobCost({ ...base, cell: "lstm" })).toBe((51_200 * 5) / 2);
    expect(jobCost({ ...base, steps: 20 })).toBe(102_400);
    expect(jobCost({ ...base, hiddenSize: 16 })).toBe(204_800);
  });

  it("reads the longest sentence of an agreement task from its generator", () => {
    const c = resolveRunConfig({ task: { name: "agreement", preset: "easy" }, cell: "gru", hiddenSize: 4, steps: 1, batchSize: 1 });
    expect(jobCost(c) / (4 * 16)).toBeGreaterThan(16);
  });
});
