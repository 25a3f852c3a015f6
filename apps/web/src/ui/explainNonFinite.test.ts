import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../config/labConfig";
import { explainNonFinite } from "./explainNonFinite";

describe("explainNonFinite", () => {
  it("says where, what, why and what to try for a run without clipping", () => {
    const e = explainNonFinite(
      { step: 6, where: "loss", loss: NaN, gradNorm: NaN, tensors: [{ name: "weight_hh_l0", nan: 1024, inf: 0 }, { name: "head.bias", nan: 1, inf: 1 }], action: "stopped" },
      { ...DEFAULT_CONFIG, clip: "none" },
      1.23,
    );
    expect(e.title).toBe("Non-finite values at step 6");
    expect(e.paragraphs[0]).toBe("At step 6 the loss was NaN: the forward pass overflowed. Non-finite values in weight_hh_l0 (1024 NaN), head.bias (1 NaN, 1 ∞).");
    expect(e.paragraphs[1]).toBe("The run was stopped (policy “stop”) before this step's update reached the weights.");
    expect(e.paragraphs[2]).toMatch(/^Why: with no clipping, a gradient spike turns into an equally large step/);
    expect(e.paragraphs[3]).toBe("The last measured spectral radius of W_hh was 1.23.");
    expect(e.paragraphs[4]).toBe("Try: turn on global-norm clipping at 1 (Pascanu, Mikolov & Bengio 2013), lower the learning rate, or scale W_hh below 1.");
  });

  it("adapts to skipped updates, gradient overflow, weight overflow and clipped runs", () => {
    const report = { step: 3, where: "gradients" as const, loss: 0.5, gradNorm: Infinity, tensors: [], action: "skipped" as const };
    const e = explainNonFinite(report, { ...DEFAULT_CONFIG, clip: "norm", threshold: 1 }, null);
    expect(e.paragraphs[0]).toBe("At step 3 the gradient norm was +∞ while the loss was 0.5000: the backward pass overflowed.");
    expect(e.paragraphs[1]).toBe("That update was skipped (policy “skip”); training goes on with the weights of the step before.");
    expect(e.paragraphs[2]).toBe("Clipping (norm:1) bounds each step, but the loss or gradient overflowed within a single forward or backward pass.");
    expect(e.paragraphs).toHaveLength(4);
    const w = explainNonFinite({ ...report, where: "weights", action: "stopped" }, DEFAULT_CONFIG, null);
    expect(w.paragraphs[0]).toBe("At step 3 an update turned the weights themselves into NaN or ∞.");
    expect(w.paragraphs[1]).toBe("The weights are no longer finite, so the run cannot go on.");
  });
});
