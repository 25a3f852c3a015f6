import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tooling/testing";
import { Random } from "../random";
import { fans } from "./fans";
import {
  calculateGain,
  identityInit,
  kaimingNormal,
  kaimingUniform,
  orthogonal,
  scaledNormal,
  uniformInit,
  xavierNormal,
  xavierUniform,
} from "./initializers";

function stats(data: ArrayLike<number>) {
  const xs = Array.from(data);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
  return { mean, std, min: xs.reduce((a, b) => Math.min(a, b)), max: xs.reduce((a, b) => Math.max(a, b)) };
}

describe("initialisers", () => {
  it("compute PyTorch's fans", () => {
    expect(fans([64, 16])).toEqual({ fanIn: 16, fanOut: 64 });
    expect(fans([8, 4, 3, 3])).toEqual({ fanIn: 36, fanOut: 72 });
    expect(() => fans([5])).toThrow("fans: shape must have at least 2 dimensions [out, in, ...], got [5]");
  });

  it("draw uniform weights inside their bounds (PyTorch RNN default 1/√H)", () => {
    const w = uniformInit([256, 64], new Random(1), { bound: 1 / 8, dtype: "float64" });
    const s = stats(w.data);
    expect(s.min).toBeGreaterThanOrEqual(-1 / 8);
    expect(s.max).toBeLessThan(1 / 8);
    expect(s.std).toBeCloseTo(1 / 8 / Math.sqrt(3), 2);
    expect(stats(uniformInit([100, 400], new Random(2)).data).max).toBeLessThan(1 / 20);
  });

  it("scale Xavier and Kaiming by their fans", () => {
    const rng = new Random(3);
    expectClose(stats(xavierNormal([300, 200], rng, { dtype: "float64" }).data).std, Math.sqrt(2 / 500), { rtol: 0.02 });
    expect(stats(xavierUniform([300, 200], rng, { gain: 2 }).data).max).toBeLessThanOrEqual(2 * Math.sqrt(6 / 500));
    expectClose(stats(kaimingNormal([300, 200], rng, { nonlinearity: "relu" }).data).std, Math.sqrt(2 / 200), { rtol: 0.02 });
    expect(stats(kaimingUniform([300, 200], rng, { nonlinearity: "relu", mode: "fanOut" }).data).max).toBeLessThanOrEqual(
      Math.sqrt(2) * Math.sqrt(3 / 300),
    );
    expect(calculateGain("tanh")).toBeCloseTo(5 / 3, 15);
    expect(() => calculateGain("gelu" as never)).toThrow('calculateGain: nonlinearity must be one of "linear", "sigmoid", "tanh", "relu", "leaky_relu", got "gelu"');
  });

  it("make orthogonal matrices: QᵀQ = I for tall, QQᵀ = I for wide", () => {
    for (const [r, c] of [[6, 4], [4, 6], [5, 5]]) {
      const q = orthogonal([r, c], new Random(r * c), { dtype: "float64", gain: 1 });
      const m = Math.min(r, c);
      const gram: number[] = [];
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < m; j++) {
          let acc = 0;
          for (let k = 0; k < Math.max(r, c); k++) acc += r >= c ? q.get(k, i) * q.get(k, j) : q.get(i, k) * q.get(j, k);
          gram.push(acc);
        }
      }
      const eye = Array.from({ length: m * m }, (_, k) => (k % (m + 1) === 0 ? 1 : 0));
      expectClose(gram, eye, { atol: 1e-12 });
    }
  });

  it("set the recurrent scale with scaledNormal and build identity·scale", () => {
    const w = scaledNormal([400, 400], new Random(4), { scale: 0.5, dtype: "float64" });
    expectClose(stats(w.data).std, 0.5 / 20, { rtol: 0.02 });
    expect(identityInit([2, 3], { scale: 0.9 }).toArray()).toEqual([[0.9, 0, 0], [0, 0.9, 0]].map((r) => r.map(Math.fround)));
    expect(() => identityInit([2])).toThrow("identityInit: shape must be 2-D, got [2]");
    expect(() => scaledNormal([2, 2], new Random(0), { scale: -1 })).toThrow("scaledNormal: options.scale must be finite and >= 0, got -1");
  });

  it("are reproducible from the seed", () => {
    expect(Array.from(orthogonal([3, 3], new Random(9)).data)).toEqual(Array.from(orthogonal([3, 3], new Random(9)).data));
  });
});
