import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tooling/testing";
import { gradcheck } from "../gradcheck";
import { Random } from "../random";
import { randn, tensor } from "../tensor/factories";
import { matmul } from "./matmul";
import { transpose } from "./transpose";

function naive(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}

describe("matmul", () => {
  it("multiplies 2-D matrices", () => {
    expect(matmul(tensor([[1, 2], [3, 4]]), tensor([[5], [6]])).toArray()).toEqual([[17], [39]]);
  });

  it("matches a naive product on random shapes, reading transposed views in place", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.boolean(), fc.boolean(), (m, k, n, ta, tb) => {
        const rng = new Random(m * 100 + k * 10 + n);
        const A = randn(ta ? [k, m] : [m, k], rng, { dtype: "float64" });
        const B = randn(tb ? [n, k] : [k, n], rng, { dtype: "float64" });
        const a = ta ? transpose(A) : A;
        const b = tb ? transpose(B) : B;
        const out = matmul(a, b);
        expect(out.shape).toEqual([m, n]);
        expectClose(out.data, naive(a.toArray() as number[][], b.toArray() as number[][]).flat(), { rtol: 1e-12, atol: 1e-12 });
      }),
      { seed: 11, numRuns: 80 },
    );
  });

  it("broadcasts batch axes", () => {
    const a = randn([2, 3, 4, 5], new Random(1), { dtype: "float64" });
    const b = randn([3, 5, 2], new Random(2), { dtype: "float64" });
    const out = matmul(a, b);
    expect(out.shape).toEqual([2, 3, 4, 2]);
    const a11 = (a.toArray() as number[][][][])[1][2];
    const b1 = (b.toArray() as number[][][])[2];
    expectClose((out.toArray() as number[][][][])[1][2].flat(), naive(a11, b1).flat(), { rtol: 1e-12 });
  });

  it("passes gradcheck, 2-D, batched with broadcasting, and through transposes", () => {
    const a = randn([3, 4], new Random(3), { dtype: "float64", requiresGrad: true });
    const b = randn([4, 2], new Random(4), { dtype: "float64", requiresGrad: true });
    expect(gradcheck(matmul, [a, b]).ok).toBe(true);
    const c = randn([2, 3, 4], new Random(5), { dtype: "float64", requiresGrad: true });
    expect(gradcheck(matmul, [c, b]).ok).toBe(true);
    const d = randn([2, 4], new Random(6), { dtype: "float64", requiresGrad: true });
    expect(gradcheck((x, y) => matmul(x, transpose(y)), [a, d]).ok).toBe(true);
  });

  it("rejects mismatched shapes, ranks and dtypes", () => {
    expect(() => matmul(tensor([[1, 2, 3], [4, 5, 6]]), tensor([[1, 2], [3, 4], [5, 6], [7, 8]]))).toThrow(
      "matmul: a.shape[1] must equal b.shape[0], got a=[2,3] and b=[4,2]",
    );
    expect(() => matmul(tensor([1, 2]), tensor([[1], [2]]))).toThrow(
      "matmul: a and b must have at least 2 dimensions, got a=[2] and b=[2,1]",
    );
    expect(() => matmul(tensor([[1]]), tensor([[1]], { dtype: "float64" }))).toThrow(
      "matmul: a and b must have the same dtype, got float32 and float64",
    );
    expect(() => matmul(randn([2, 1, 2], new Random(0)), randn([3, 2, 1], new Random(0)))).toThrow(
      "matmul: cannot broadcast a's batch axes=[2] with b's batch axes=[3]",
    );
  });
});
