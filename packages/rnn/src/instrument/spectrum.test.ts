import { Random, orthogonal, scaledNormal, tensor } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { expectClose } from "../../test/helpers";
import { createModel } from "../model/createModel";
import { largestSingularValue, recurrentSpectrum, spectralRadius } from "./spectrum";

describe("largestSingularValue", () => {
  it("is the largest |entry| of a diagonal matrix and ‖W‖₂ of a rank-one matrix", () => {
    expectClose(largestSingularValue(tensor([[0.5, 0, 0], [0, -1.5, 0], [0, 0, 1]], { dtype: "float64" })), 1.5);
    // u vᵀ with ‖u‖ = 5, ‖v‖ = √2: σ = 5√2.
    expectClose(largestSingularValue(tensor([[3, 3], [4, 4]], { dtype: "float64" })), 5 * Math.SQRT2);
  });

  it("is the gain of a scaled orthogonal matrix, and of a non-square one", () => {
    expectClose(largestSingularValue(orthogonal([16, 16], new Random(0), { gain: 0.7, dtype: "float64" })), 0.7, { rtol: 1e-9 });
    expectClose(largestSingularValue(tensor([[1, 2, 2]], { dtype: "float64" })), 3);
  });
});

describe("spectralRadius", () => {
  it("finds a complex dominant pair (a scaled rotation), where the plain power method cycles", () => {
    const [c, s] = [0.8 * Math.cos(1), 0.8 * Math.sin(1)];
    expectClose(spectralRadius(tensor([[c, -s, 0], [s, c, 0], [0, 0, 0.5]], { dtype: "float64" })), 0.8, { rtol: 1e-9 });
  });

  it("differs from σ_max for a non-normal matrix: [[0.5, 4], [0, 0.3]] has ρ = 0.5", () => {
    const w = tensor([[0.5, 4], [0, 0.3]], { dtype: "float64" });
    expectClose(spectralRadius(w), 0.5, { rtol: 1e-3 });
    expect(largestSingularValue(w)).toBeGreaterThan(4);
  });

  it("handles ± a real eigenvalue of equal size, and the zero matrix", () => {
    expectClose(spectralRadius(tensor([[0, 1], [0.81, 0]], { dtype: "float64" })), 0.9, { rtol: 1e-9 });
    expect(spectralRadius(tensor([[0, 0], [0, 0]]))).toBe(0);
  });

  it("is close to `scale` for a large scaledNormal matrix (the circular law)", () => {
    expectClose(spectralRadius(scaledNormal([300, 300], new Random(1), { scale: 0.5, dtype: "float64" })), 0.5, { rtol: 0.08 });
  });

  it.each<[string, () => unknown, string]>([
    ["a vector", () => spectralRadius(tensor([1, 2])), "spectralRadius: matrix must be a non-empty 2-D Tensor, got shape [2]"],
    ["a non-square matrix", () => spectralRadius(tensor([[1, 2]])), "spectralRadius: matrix must be square, got shape [1,2]"],
    ["zero iterations", () => largestSingularValue(tensor([[1]]), { iterations: 0 }), "largestSingularValue: options.iterations must be an integer >= 1, got 0"],
    ["an array", () => largestSingularValue([[1]] as never), "largestSingularValue: matrix must be a 2-D Tensor, got an array of length 1"],
  ])("rejects %s", (_, run, message) => {
    expect(run).toThrow(message);
  });
});

describe("recurrentSpectrum", () => {
  it("reports each gate block of each layer by name", () => {
    const model = createModel({ cell: "gru", inputSize: 2, hiddenSize: 5, outputSize: 2, numLayers: 2, dtype: "float64" }, new Random(2), {
      recurrent: { kind: "identity", scale: 0.9 },
    });
    const s = recurrentSpectrum(model);
    expect(s.map((layer) => layer.map((g) => g.gate))).toEqual([["r", "z", "n"], ["r", "z", "n"]]);
    for (const g of s.flat()) {
      expectClose(g.largestSingularValue, 0.9);
      expectClose(g.spectralRadius, 0.9);
    }
  });
});
