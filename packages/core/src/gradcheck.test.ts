import { describe, expect, it } from "vitest";
import { needsGrad, record } from "./autograd";
import { noGrad } from "./gradMode";
import { gradcheck } from "./gradcheck";
import { Random } from "./random";
import { Tensor } from "./tensor/Tensor";
import { randn, tensor } from "./tensor/factories";
import { mul } from "./ops/arithmetic";
import { map } from "./ops/unary";

/** x³ with a deliberately wrong backward (2x² instead of 3x²) on element 1 only. */
function brokenCube(x: Tensor): Tensor {
  const out = map(x, (v) => v * v * v);
  if (needsGrad(x)) {
    record(out, "brokenCube", [x], (g) => [mul(g, map(x, (v) => 3 * v * v)).clone()].map((t) => {
      t.data[1] = (t.data[1] * 2) / 3;
      return t;
    }));
  }
  return out;
}

describe("gradcheck", () => {
  it("finds a wrong gradient and reports its element", () => {
    const x = tensor([0.5, 1.5, -2], { dtype: "float64", requiresGrad: true });
    const report = gradcheck(brokenCube, [x]);
    expect(report.ok).toBe(false);
    expect(report.inputs[0].index).toBe(1);
    expect(report.inputs[0].ok).toBe(false);
  });

  it("accepts a correct gradient and leaves the caller's tensors untouched", () => {
    const x = randn([4], new Random(0), { dtype: "float64", requiresGrad: true });
    const before = Array.from(x.data);
    const report = gradcheck((a) => mul(a, a), [x]);
    expect(report.ok).toBe(true);
    expect(report.inputs[0].relError).toBeLessThan(1e-6);
    expect(Array.from(x.data)).toEqual(before);
    expect(x.grad).toBeNull();
  });

  it("skips inputs without requiresGrad and rejects float32", () => {
    const a = tensor([1, 2], { dtype: "float64", requiresGrad: true });
    const b = tensor([3, 4], { dtype: "float64" });
    expect(gradcheck(mul, [a, b]).inputs).toHaveLength(1);
    expect(() => gradcheck(mul, [tensor([1], { requiresGrad: true })])).toThrow("gradcheck: inputs[0] must be float64, got float32");
    expect(() => gradcheck(mul, [b, b])).toThrow("gradcheck: fn's result does not depend on any input with requiresGrad");
  });
});

describe("autograd", () => {
  it("noGrad stops recording and nests", () => {
    const x = tensor([1], { requiresGrad: true });
    const y = noGrad(() => noGrad(() => mul(x, 2)));
    expect(y.requiresGrad).toBe(false);
    expect(mul(x, 2).requiresGrad).toBe(true);
  });

  it("backward needs a scalar root or an explicit gradient of the root's shape", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => mul(x, 2).backward()).toThrow("backward: grad must be given for a root with more than one element, got root shape [2]");
    expect(() => mul(x, 2).backward(tensor([1]))).toThrow("backward: grad must have the root's shape [2], got [1]");
    expect(() => tensor([1]).backward()).toThrow("backward: root does not require grad");
  });

  it("runs through a 5,000-step chain without overflowing the stack", () => {
    const x = tensor([1], { dtype: "float64", requiresGrad: true });
    let y = x;
    for (let i = 0; i < 5000; i++) y = mul(y, 1.0001);
    y.backward();
    expect(x.grad!.item()).toBeCloseTo(Math.pow(1.0001, 5000), 10);
  });
});
