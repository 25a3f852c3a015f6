import { describe, expect, it } from "vitest";
import type { ProbeNorms } from "../experiments/probeGradients";
import { gradientRatio, probeHorizon, vanishingSentence, type CellProbe } from "./vanishingSentence";

/** Norms shrinking by `factor` per step back from 1 at the read-out, with the given counts. */
function geometric(factor: number, counts: number[]): ProbeNorms {
  return { values: counts.map((_, k) => factor ** k), counts, loss: 0.69 };
}

const counts = [8, 8, 8, 6, 4, 3, 1];

describe("probeHorizon and gradientRatio", () => {
  it("stops where fewer than half the examples (or minCount) remain, in every probe", () => {
    const p: CellProbe = { label: "RNN", init: geometric(0.5, counts), trained: geometric(0.5, counts) };
    expect(probeHorizon([p])).toBe(4);
    expect(probeHorizon([p], 6)).toBe(3);
    expect(probeHorizon([p, { ...p, trained: geometric(0.5, [8, 8, 3]) }])).toBe(1);
    expect(probeHorizon([{ ...p, init: geometric(0.5, [8]) }])).toBe(0);
  });

  it("divides the norm k steps back by the norm at the read-out", () => {
    expect(gradientRatio({ values: [2, 1, 0.5], counts: [1, 1, 1], loss: 0 }, 2)).toBe(0.25);
  });
});

describe("vanishingSentence", () => {
  it("gives each cell's ratio at the horizon, before and after training, and the baseline's per-step factor", () => {
    const probes: CellProbe[] = [
      { label: "RNN", init: geometric(0.1, counts), trained: geometric(0.01, counts) },
      { label: "LSTM", init: geometric(0.5, counts), trained: geometric(0.9, counts) },
      { label: "GRU", init: geometric(0.8, counts), trained: geometric(1.1, counts) },
    ];
    expect(vanishingSentence(probes)).toBe(
      "‖∂L/∂h‖ 4 steps before the read-out, relative to its value at the read-out, is 1e-4 for the RNN, 0.0625 for the LSTM and 0.41 for the GRU at initialisation " +
        "(for the RNN, a factor of 0.1 per step), and 1e-8, 0.656 and 1.46 after training (RNN: 0.01 per step). " +
        "Root mean square over the 4 sentences of the probe batch that are at least 5 words long. " +
        "A ratio far below 1 means the error signal from the verb does not reach the subject: the gradient vanishes.",
    );
  });

  it("says when the batch is too short to compare", () => {
    expect(vanishingSentence([{ label: "RNN", init: geometric(0.5, [4]), trained: geometric(0.5, [4]) }])).toBe(
      "The probe batch has too few long sentences to compare gradient norms across steps.",
    );
  });
});
