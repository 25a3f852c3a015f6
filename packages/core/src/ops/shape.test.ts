import { describe, expect, it } from "vitest";
import { gradcheck } from "../gradcheck";
import { Random } from "../random";
import { randn, tensor } from "../tensor/factories";
import { concat, stack } from "./concat";
import { embedding, gather } from "./gather";
import { reshape } from "./reshape";
import { slice, split } from "./slice";
import { transpose } from "./transpose";
import { mul } from "./arithmetic";

const f64 = (shape: number[], seed: number) => randn(shape, new Random(seed), { dtype: "float64", requiresGrad: true });

describe("shape ops", () => {
  it("transpose permutes axes as a view", () => {
    const x = tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
    const y = transpose(x, [2, 0, 1]);
    expect(y.shape).toEqual([2, 2, 2]);
    expect(y.data).toBe(x.data);
    expect(y.toArray()).toEqual([[[1, 3], [5, 7]], [[2, 4], [6, 8]]]);
    expect(gradcheck((a) => mul(transpose(a, [1, 2, 0]), 1), [f64([2, 3, 4], 1)]).ok).toBe(true);
  });

  it("reshape infers -1, views contiguous input and copies strided input", () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]]);
    const y = reshape(x, [3, -1]);
    expect(y.shape).toEqual([3, 2]);
    expect(y.data).toBe(x.data);
    expect(reshape(transpose(x), [6]).toArray()).toEqual([1, 4, 2, 5, 3, 6]);
    expect(gradcheck((a) => reshape(transpose(a), [-1]), [f64([2, 3], 2)]).ok).toBe(true);
  });

  it("slice, split, concat and stack agree with each other and pass gradcheck", () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(slice(x, [0, 1], [2, 2]).toArray()).toEqual([[2, 3], [5, 6]]);
    expect(slice(x, [1]).toArray()).toEqual([[4, 5, 6]]);
    const parts = split(x, [1, 2], 1);
    expect(parts.map((p) => p.toArray())).toEqual([[[1], [4]], [[2, 3], [5, 6]]]);
    expect(concat(parts, 1).toArray()).toEqual(x.toArray());
    expect(stack([tensor([1, 2]), tensor([3, 4])], 1).toArray()).toEqual([[1, 3], [2, 4]]);
    const a = f64([2, 3], 3);
    const b = f64([2, 2], 4);
    expect(gradcheck((p, q) => concat([p, q, p], 1), [a, b]).ok).toBe(true);
    expect(gradcheck((p) => stack(split(p, 3, 1), 0), [a]).ok).toBe(true);
    expect(gradcheck((p) => slice(p, [1, 1], [1, -1]), [a]).ok).toBe(true);
  });

  it("gather and embedding select rows and scatter-add gradients for repeated ids", () => {
    const w = tensor([[1, 2], [3, 4], [5, 6]], { dtype: "float64", requiresGrad: true });
    const e = embedding(w, [2, 0, 2, 1], [2, 2]);
    expect(e.shape).toEqual([2, 2, 2]);
    expect(e.toArray()).toEqual([[[5, 6], [1, 2]], [[5, 6], [3, 4]]]);
    e.backward(tensor([[[1, 1], [1, 1]], [[1, 1], [1, 1]]], { dtype: "float64" }));
    expect(w.grad!.toArray()).toEqual([[1, 1], [1, 1], [2, 2]]);
    expect(gather(tensor([[1, 2, 3], [4, 5, 6]]), [2, 0], 1).toArray()).toEqual([[3, 1], [6, 4]]);
    expect(gradcheck((p) => gather(p, [1, 1, 0], 1), [f64([2, 3], 5)]).ok).toBe(true);
  });

  it("reject bad arguments with the sizes involved", () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(() => reshape(x, [4, 2])).toThrow("reshape: shape [4,2] holds 8 elements, but x has shape [2,3] with 6");
    expect(() => reshape(x, [-1, -1])).toThrow("reshape: shape may contain at most one -1, got [-1,-1]");
    expect(() => transpose(x, [0, 0])).toThrow("transpose: perm must be a permutation of 0..1 for shape [2,3], got [0,0]");
    expect(() => slice(x, [1, 2], [1, 2])).toThrow("slice: the box begin=[1,2] size=[1,2] does not fit in x of shape [2,3] (axis 1)");
    expect(() => split(x, 2, 1)).toThrow("split: sections must be a positive integer dividing x.shape[1] = 3, got 2");
    expect(() => concat([x, tensor([[1, 2]])], 0)).toThrow(
      "concat: tensors[1] has shape [1,2], which must match tensors[0]'s [2,3] on every axis but 0",
    );
    expect(() => concat([], 0)).toThrow("concat: tensors must be a non-empty array of Tensors, got []");
    expect(() => stack([x, tensor([1])])).toThrow("stack: tensors[1] has shape [1], but tensors[0] has [2,3]; all must match");
    expect(() => gather(x, [0, 2], 0)).toThrow("gather: indices[1] must be an integer in [0, 1] (x.shape[0] of [2,3]), got 2");
    expect(() => gather(x, [0.5], 1)).toThrow("gather: indices[0] must be an integer in [0, 2] (x.shape[1] of [2,3]), got 0.5");
    expect(() => embedding(tensor([1, 2]), [0])).toThrow("embedding: weight must be 2-D [vocab, dim], got [2]");
    expect(() => concat([x], 2)).toThrow("concat: axis must be an integer in [-2, 1] for a rank-2 tensor, got 2");
  });
});
