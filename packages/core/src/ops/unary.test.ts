import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tooling/testing";
import { gradcheck } from "../gradcheck";
import { Random } from "../random";
import { rand, randn, tensor } from "../tensor/factories";
import { clamp } from "./clamp";
import { abs, exp, log, relu, sigmoid, sqrt, tanh } from "./unary";
import { where } from "./where";

describe("unary ops", () => {
  it("compute values", () => {
    const x = tensor([-1, 0, 2], { dtype: "float64" });
    expectClose(exp(x).data, [Math.exp(-1), 1, Math.exp(2)]);
    expectClose(tanh(x).data, [Math.tanh(-1), 0, Math.tanh(2)]);
    expectClose(sigmoid(x).data, [1 / (1 + Math.E), 0.5, 1 / (1 + Math.exp(-2))]);
    expect(relu(x).toArray()).toEqual([0, 0, 2]);
    expect(abs(x).toArray()).toEqual([1, 0, 2]);
    expectClose(log(tensor([1, Math.E])).data, [0, 1], { rtol: 1e-6 });
    expect(sqrt(tensor([4, 9])).toArray()).toEqual([2, 3]);
    // The stable sigmoid neither overflows nor returns NaN at the extremes.
    expect(sigmoid(tensor([-1000, 1000], { dtype: "float64" })).toArray()).toEqual([0, 1]);
  });

  it("pass gradcheck away from kinks", () => {
    const x = randn([3, 4], new Random(1), { dtype: "float64", requiresGrad: true });
    for (const op of [exp, tanh, sigmoid, relu, abs]) {
      const r = gradcheck(op, [x]);
      expect(r.ok, `${op.name}: ${JSON.stringify(r.inputs)}`).toBe(true);
    }
    const pos = rand([3, 4], new Random(2), { low: 0.5, high: 2, dtype: "float64", requiresGrad: true });
    for (const op of [log, sqrt]) expect(gradcheck(op, [pos]).ok, op.name).toBe(true);
  });

  it("take PyTorch's gradients at the kinks (relu and abs at 0, clamp at its bounds)", () => {
    const x = tensor([-1, 0, 1, 2, 3], { dtype: "float64", requiresGrad: true });
    const upstream = tensor([10, 20, 30, 40, 50], { dtype: "float64" });
    relu(x).backward(upstream);
    expect(x.grad!.toArray()).toEqual([0, 0, 30, 40, 50]);
    x.grad = null;
    abs(x).backward(upstream);
    expect(x.grad!.toArray()).toEqual([-10, 0, 30, 40, 50]);
    x.grad = null;
    const y = clamp(x, 0, 2);
    expect(y.toArray()).toEqual([0, 0, 1, 2, 2]);
    y.backward(upstream);
    expect(x.grad!.toArray()).toEqual([0, 20, 30, 40, 0]);
  });

  it("where picks values and routes gradients to the chosen branch", () => {
    const cond = tensor([1, 0, 1]);
    const a = tensor([1, 2, 3], { dtype: "float64", requiresGrad: true });
    const b = tensor([[10], [20]], { dtype: "float64", requiresGrad: true });
    const out = where(cond, a, b);
    expect(out.toArray()).toEqual([[1, 10, 3], [1, 20, 3]]);
    out.backward(tensor([[1, 2, 3], [4, 5, 6]], { dtype: "float64" }));
    expect(a.grad!.toArray()).toEqual([5, 0, 9]);
    expect(b.grad!.toArray()).toEqual([[2], [5]]);
  });

  it("reject bad arguments", () => {
    expect(() => clamp(tensor([1]), 2, 1)).toThrow("clamp: min must be <= max, got min=2, max=1");
    expect(() => clamp(tensor([1]), NaN, 1)).toThrow("clamp: min must be a number, got NaN");
    expect(() => tanh([1, 2] as never)).toThrow("tanh: x must be a Tensor, got an array of length 2");
    expect(() => where(tensor([1, 0]), tensor([1, 2, 3]), 0)).toThrow(
      "where: cannot broadcast condition=[2] with a=[3] (dimension 0 from the left of the result: 2 vs 3; sizes must match or one must be 1)",
    );
  });
});
