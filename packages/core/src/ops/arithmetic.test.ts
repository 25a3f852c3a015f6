import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tooling/testing";
import { gradcheck } from "../gradcheck";
import { Random } from "../random";
import { broadcastShapes } from "../shape";
import { randn, tensor } from "../tensor/factories";
import { add, div, mul, neg, pow, sub } from "./arithmetic";
import { sum } from "./reduce";

const f64 = (shape: number[], seed: number, grad = true) =>
  randn(shape, new Random(seed), { dtype: "float64", requiresGrad: grad });

describe("binary arithmetic", () => {
  it("computes values with broadcasting and scalars", () => {
    const a = tensor([[1, 2, 3], [4, 5, 6]]);
    const b = tensor([10, 20, 30]);
    expect(add(a, b).toArray()).toEqual([[11, 22, 33], [14, 25, 36]]);
    expect(sub(a, 1).toArray()).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(mul(2, b).toArray()).toEqual([20, 40, 60]);
    expect(div(tensor([[2], [4]]), tensor([1, 2])).toArray()).toEqual([[2, 1], [4, 2]]);
    expect(pow(tensor([2, 3]), 2).toArray()).toEqual([4, 9]);
    expect(neg(b).toArray()).toEqual([-10, -20, -30]);
  });

  it("passes gradcheck for every op, with broadcasting on both sides", () => {
    const cases: [string, (x: never, y: never) => unknown][] = [["add", add], ["sub", sub], ["mul", mul], ["div", div]];
    for (const [name, op] of cases) {
      const a = f64([3, 1, 4], 1);
      const b = f64([2, 1], 2);
      const report = gradcheck((x, y) => op(x as never, y as never) as never, [a, b]);
      expect(report.ok, `${name}: ${JSON.stringify(report.inputs)}`).toBe(true);
    }
    const base = tensor([[0.5, 1.5], [2.0, 0.7]], { dtype: "float64", requiresGrad: true });
    const exponent = tensor([1.3, 2.0], { dtype: "float64", requiresGrad: true });
    expect(gradcheck((x, y) => pow(x, y), [base, exponent]).ok).toBe(true);
  });

  it("accumulates gradients when a tensor is used twice", () => {
    const x = tensor([1, 2, 3], { dtype: "float64", requiresGrad: true });
    sum(mul(x, x)).backward();
    expect(x.grad!.toArray()).toEqual([2, 4, 6]);
    sum(add(x, x)).backward();
    expect(x.grad!.toArray()).toEqual([4, 6, 8]);
  });

  it("follows NumPy broadcasting on random shapes", () => {
    const dim = fc.integer({ min: 1, max: 4 });
    fc.assert(
      fc.property(fc.array(dim, { maxLength: 4 }), fc.array(fc.boolean(), { maxLength: 4 }), fc.integer({ min: 0, max: 3 }), (shape, ones, drop) => {
        const other = shape.slice(Math.min(drop, shape.length)).map((d, i) => (ones[i] ? 1 : d));
        const out = broadcastShapes("test", shape, other);
        expect(out).toEqual(shape);
        const a = randn(shape, new Random(1), { dtype: "float64" });
        const b = randn(other, new Random(2), { dtype: "float64" });
        const c = add(a, b);
        // Spot-check one element against explicit index arithmetic.
        const idx = shape.map((d) => d - 1);
        const bIdx = idx.slice(idx.length - other.length).map((v, i) => (other[i] === 1 ? 0 : v));
        expectClose(c.get(...idx), a.get(...idx) + b.get(...bIdx), { rtol: 1e-15 });
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  it("rejects mismatched shapes, dtypes and operand kinds with clear messages", () => {
    expect(() => add(tensor([1, 2, 3]), tensor([1, 2]))).toThrow(
      "add: cannot broadcast a=[3] with b=[2] (dimension 0 from the left of the result: 3 vs 2; sizes must match or one must be 1)",
    );
    expect(() => mul(tensor([1], { dtype: "float32" }), tensor([1], { dtype: "float64" }))).toThrow(
      "mul: a and b must have the same dtype, got float32 and float64",
    );
    expect(() => sub(1 as never, 2 as never)).toThrow("sub: at least one of a and b must be a Tensor, got two numbers");
    expect(() => div(tensor([1]), "x" as never)).toThrow('div: b must be a Tensor or a number, got the string "x"');
  });
});
