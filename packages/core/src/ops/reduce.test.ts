import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tooling/testing";
import { gradcheck } from "../gradcheck";
import { Random } from "../random";
import { randn, tensor } from "../tensor/factories";
import { max, mean, norm, sum } from "./reduce";
import { logSoftmax, softmax } from "./softmax";
import { crossEntropy, mse } from "./losses";
import { exp } from "./unary";

const f64 = (shape: number[], seed: number) => randn(shape, new Random(seed), { dtype: "float64", requiresGrad: true });

describe("reductions", () => {
  it("sum, mean, max and norm over axes", () => {
    const x = tensor([[1, -2, 3], [4, 5, -6]], { dtype: "float64" });
    expect(sum(x).item()).toBe(5);
    expect(sum(x, 0).toArray()).toEqual([5, 3, -3]);
    expect(sum(x, 1, { keepDims: true }).toArray()).toEqual([[2], [3]]);
    expect(mean(x, [0, 1]).item()).toBeCloseTo(5 / 6, 14);
    expect(max(x, 1).toArray()).toEqual([3, 5]);
    expect(norm(x, 1, 1).toArray()).toEqual([6, 15]);
    expect(norm(x, Infinity).item()).toBe(6);
    expectClose(norm(x).item(), Math.sqrt(1 + 4 + 9 + 16 + 25 + 36), { rtol: 1e-15 });
    expect(max(tensor([1, NaN, 3])).item()).toBeNaN();
  });

  it("computes the 2-norm without overflow or underflow", () => {
    expectClose(norm(tensor([3e200, 4e200], { dtype: "float64" })).item(), 5e200, { rtol: 1e-15 });
    expectClose(norm(tensor([3e-200, 4e-200], { dtype: "float64" })).item(), 5e-200, { rtol: 1e-15 });
  });

  it("pass gradcheck", () => {
    const x = f64([3, 4, 2], 1);
    for (const f of [(a: never) => sum(a, [0, 2]), (a: never) => mean(a, 1, { keepDims: true }), (a: never) => max(a, 1), (a: never) => norm(a, 2, [1, 2]), (a: never) => norm(a, 1, 0), (a: never) => norm(a, Infinity, 2)]) {
      const r = gradcheck(f as never, [x]);
      expect(r.ok, JSON.stringify(r.inputs)).toBe(true);
    }
  });

  it("satisfy identities on random tensors: sum over all = sum of partial sums, norm² = sum of squares", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 1000 }), (m, n, seed) => {
        const x = randn([m, n], new Random(seed), { dtype: "float64" });
        expectClose(sum(sum(x, 1)).item(), sum(x).item(), { rtol: 1e-12, atol: 1e-12 });
        const sq = Array.from(x.data).reduce((s, v) => s + v * v, 0);
        expectClose(norm(x).item() ** 2, sq, { rtol: 1e-12 });
        expect(max(x).item()).toBe(Math.max(...x.data));
      }),
      { seed: 3, numRuns: 50 },
    );
  });

  it("give zero gradient for the norm of a zero vector", () => {
    const z = tensor([0, 0], { dtype: "float64", requiresGrad: true });
    norm(z).backward();
    expect(z.grad!.toArray()).toEqual([0, 0]);
  });

  it("reject bad axes and norms", () => {
    expect(() => sum(tensor([1, 2]), 1)).toThrow("sum: axis must be an integer in [-1, 0] for a rank-1 tensor, got 1");
    expect(() => sum(tensor([[1]]), [0, 0])).toThrow("sum: axis must not repeat an axis, got [0,0]");
    expect(() => norm(tensor([1]), 3)).toThrow("norm: p must be 1, 2 or Infinity, got 3");
    expect(() => max(tensor([]))).toThrow("max: cannot reduce over an empty axis");
  });
});

describe("softmax and losses", () => {
  it("softmax rows sum to 1 and logSoftmax is its log, stably for large logits", () => {
    const x = tensor([[1000, 1001, 1002], [-5, 0, 5]], { dtype: "float64" });
    const s = softmax(x);
    expectClose(sum(s, 1).data, [1, 1], { rtol: 1e-14 });
    expectClose(exp(logSoftmax(x)).data, s.data, { rtol: 1e-14 });
    expect(Array.from(s.data).every(Number.isFinite)).toBe(true);
    expect(gradcheck((a) => softmax(a, 0), [f64([3, 2], 4)]).ok).toBe(true);
    expect(gradcheck((a) => logSoftmax(a), [f64([2, 5], 5)]).ok).toBe(true);
  });

  it("crossEntropy matches −log softmax at the target, with masks and reductions", () => {
    const logits = tensor([[2, 0], [0, 2]], { dtype: "float64" });
    const l = Math.log(1 + Math.exp(-2));
    expectClose(crossEntropy(logits, [0, 1]).item(), l, { rtol: 1e-15 });
    expectClose(crossEntropy(logits, [0, 0], { reduction: "none" }).data, [l, 2 + l], { rtol: 1e-15 });
    expectClose(crossEntropy(logits, [0, 0], { reduction: "sum" }).item(), 2 + 2 * l, { rtol: 1e-15 });
    expectClose(crossEntropy(logits, [0, 0], { mask: [0, 1] }).item(), 2 + l, { rtol: 1e-15 });
    expect(crossEntropy(logits, [0, 0], { mask: [0, 0] }).item()).toBe(0);
    const x = f64([4, 3], 6);
    for (const options of [{}, { reduction: "sum" as const }, { reduction: "none" as const }, { mask: [1, 0, 0.5, 1] }]) {
      expect(gradcheck((a) => crossEntropy(a, [0, 2, 1, 2], options), [x]).ok).toBe(true);
    }
  });

  it("mse averages squared errors and passes gradcheck", () => {
    expect(mse(tensor([1, 2]), tensor([3, 2])).item()).toBe(2);
    expect(mse(tensor([1, 2]), tensor([3, 2]), { reduction: "sum" }).item()).toBe(4);
    expect(gradcheck((a, b) => mse(a, b), [f64([3, 2], 7), f64([3, 2], 8)]).ok).toBe(true);
  });

  it("losses reject bad targets and shapes", () => {
    const logits = tensor([[1, 2], [3, 4]]);
    expect(() => crossEntropy(logits, [0, 2])).toThrow("crossEntropy: targets[1] must be an integer class id in [0, 1], got 2");
    expect(() => crossEntropy(logits, [0, 0.5])).toThrow("crossEntropy: targets[1] must be an integer class id in [0, 1], got 0.5");
    expect(() => crossEntropy(logits, [0])).toThrow("crossEntropy: targets must have length 2 (logits.shape[0]), got 1");
    expect(() => crossEntropy(tensor([1, 2]), [0])).toThrow("crossEntropy: logits must be 2-D [batch, classes], got [2]");
    expect(() => crossEntropy(logits, [0, 1], { mask: [1, NaN] })).toThrow("crossEntropy: options.mask[1] must be finite and >= 0, got NaN");
    expect(() => mse(tensor([1, 2]), tensor([1, 2, 3]))).toThrow("mse: prediction and target must have the same shape, got [2] and [3]");
  });
});
