import { describe, expect, it } from "vitest";
import type { MetricsRecord } from "../engine/metrics";
import { divergenceSentence, peakGradient, strategySentence, type RunRecord } from "./explodingSentences";
import { summaryFixture } from "./summaryFixture";

const baseline = { metric: "mse" as const, value: 1 / 6, predictor: "constant 1" };

function record(step: number, loss: number | null, grad: number | null): MetricsRecord {
  return { step, interval: 1, loss, accuracy: null, gradNormBefore: grad, gradNormAfter: grad, threshold: null, clipped: 0, nonFinite: loss === null || grad === null ? 1 : 0, skipped: 0 };
}

function run(clip: string, outcome: { failAt: number; lossNull?: boolean } | { evalLoss: number; clipped: number }, steps = 600): RunRecord {
  const config = { task: { name: "adding", knobs: { length: 10 } }, cell: "rnn_relu", clip, steps, nonFinite: "error" };
  const failed = "failAt" in outcome;
  const n = failed ? outcome.failAt : 3;
  const metrics = Array.from({ length: n }, (_, i) => record(i + 1, i === 0 ? 0.9 : 0.5, 10 ** (i + 1)));
  if (failed) metrics[n - 1] = outcome.lossNull ? record(n, null, null) : record(n, 0.4, null);
  const summary = summaryFixture({
    status: failed ? "failed" : "completed",
    config,
    steps: failed ? outcome.failAt : steps,
    finalLoss: 0.1,
    clippedSteps: failed ? 0 : outcome.clipped,
    nonFiniteSteps: failed ? 1 : 0,
    evaluation: failed ? null : { loss: outcome.evalLoss, accuracy: null, count: 128, baseline },
    failure: failed ? { step: outcome.failAt, kind: "nonFinite", message: "…" } : null,
  });
  return { summary, metrics };
}

describe("peakGradient", () => {
  it("finds the largest finite gradient norm and its step", () => {
    expect(peakGradient([record(1, 1, 5), record(2, 1, 50), record(3, null, null)])).toEqual({ norm: 50, step: 2 });
    expect(peakGradient([record(1, null, null)])).toBeNull();
  });
});

describe("divergenceSentence", () => {
  it("gives the step of the first non-finite value and how the clipped run trained", () => {
    const text = divergenceSentence([run("none", { failAt: 4, lossNull: true })], [run("norm:1", { evalLoss: 0.0931, clipped: 348 })]);
    expect(text).toBe(
      'Without clipping, the loss became non-finite at step 4; the largest finite gradient norm before it was 1,000 at step 3; the "error" policy stopped the run there and recorded the step. ' +
        "With global norm ≤ 1 (norm:1), the same run (same seed, initial weights, data and learning rate) trained all 600 steps, clipping 58.0% of them: " +
        "its training MSE went from 0.9 at the first step to an evaluation MSE of 0.0931 (constant 1: 0.167).",
    );
  });

  it("says so when the unclipped run did not explode, and averages over seeds", () => {
    const text = divergenceSentence(
      [run("none", { evalLoss: 0.12, clipped: 0 }), run("none", { evalLoss: 0.14, clipped: 0 })],
      [run("norm:1", { evalLoss: 0.1, clipped: 300 }), run("norm:1", { evalLoss: 0.2, clipped: 600 })],
    );
    expect(text).toContain("Without clipping, the run stayed finite for all 600 steps (2 seeds) (largest gradient norm 1,000 ± 0): it did not explode in this setup.");
    expect(text).toContain("clipping 75.0% ± 35.4% of them");
    expect(text).toContain("an evaluation MSE of 0.15 ± 0.0707");
  });

  it("names the gradient when the loss was still finite", () => {
    expect(divergenceSentence([run("none", { failAt: 2 })], [run("norm:1", { failAt: 9 })])).toBe(
      'Without clipping, the gradient norm became non-finite at step 2; the largest finite gradient norm before it was 10 at step 1; the "error" policy stopped the run there and recorded the step. ' +
        "With global norm ≤ 1 (norm:1), the run still became non-finite at step 9.",
    );
  });
});

describe("strategySentence", () => {
  it("lists each strategy's result, notes ZClip's warm-up and names the lowest loss", () => {
    const text = strategySentence([
      [run("none", { failAt: 4, lossNull: true })],
      [run("norm:1", { evalLoss: 0.0931, clipped: 348 })],
      [run("value:0.1", { evalLoss: 0.0428, clipped: 587 })],
      [run("zclip", { failAt: 4, lossNull: true })],
    ]);
    expect(text).toBe(
      "On the same run, no clipping became non-finite at step 4, global norm ≤ 1 (norm:1) reached an evaluation MSE of 0.0931 with 58.0% of steps clipped, " +
        "value ±0.1 (value:0.1) reached an evaluation MSE of 0.0428 with 97.8% of steps clipped and ZClip (zclip) became non-finite at step 4, inside its 25-step warm-up, when it only observes the norm. " +
        "The lowest is value ±0.1 (value:0.1)'s.",
    );
  });

  it("says when no strategy completed", () => {
    expect(strategySentence([[run("zclip", { failAt: 30 })]])).toBe("On the same run, ZClip (zclip) became non-finite at step 30. No strategy completed the run.");
  });
});
