import { describe, expect, it } from "vitest";
import { slice } from "../ops/slice";
import { transpose } from "../ops/transpose";
import { tensor } from "./factories";
import { Tensor } from "./Tensor";

describe("Tensor", () => {
  it("reads views through strides and copies them densely", () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    const v = transpose(t);
    expect(v.data).toBe(t.data);
    expect(v.isContiguous()).toBe(false);
    expect(v.toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(Array.from(v.toTypedArray())).toEqual([1, 4, 2, 5, 3, 6]);
    expect(v.contiguous().isContiguous()).toBe(true);
    expect(t.contiguous()).toBe(t);
    // A dense view with an offset (a row slice) copies from its offset.
    const row = slice(t, [1]);
    expect(row.isContiguous()).toBe(true);
    expect(Array.from(row.toTypedArray())).toEqual([4, 5, 6]);
  });

  it("prints dtype and shape", () => {
    expect(String(new Tensor(new Float64Array(6), [2, 3]))).toBe("Tensor(float64, [2,3])");
  });

  it("rejects bad indices with messages that name the method", () => {
    expect(() => tensor([1, 2]).item()).toThrow("Tensor.item: tensor must have one element, got shape [2]");
    expect(() => tensor([1, 2]).get(2)).toThrow("Tensor.get: index 0 must be an integer in [-2, 1], got 2");
    expect(() => tensor([1, 2]).get(0, 0)).toThrow("Tensor.get: expected 1 indices for shape [2], got 2");
  });
});
