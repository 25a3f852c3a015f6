import { describe, expect, it } from "vitest";
import { Random } from "../random";
import { arange, full, ones, rand, randn, tensor, zeros } from "./factories";

describe("tensor factories", () => {
  it("builds from nested arrays, typed arrays and scalars", () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe("float32");
    expect(t.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    const u = tensor(new Float64Array([1, 2, 3, 4]), { shape: [2, 2] });
    expect(u.dtype).toBe("float64");
    expect(u.get(1, 0)).toBe(3);
    expect(u.get(-1, -1)).toBe(4);
    expect(tensor(5).shape).toEqual([]);
    expect(tensor(5).item()).toBe(5);
    expect(tensor([1, 2], { dtype: "float64" }).data).toBeInstanceOf(Float64Array);
    expect(tensor([]).shape).toEqual([0]);
  });

  it("fills zeros, ones, full and arange", () => {
    expect(zeros([2, 2]).toArray()).toEqual([[0, 0], [0, 0]]);
    expect(ones([3], { dtype: "float64" }).toArray()).toEqual([1, 1, 1]);
    expect(full([2], 7).toArray()).toEqual([7, 7]);
    expect(arange(4).toArray()).toEqual([0, 1, 2, 3]);
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(arange(3, 0, -1).toArray()).toEqual([3, 2, 1]);
  });

  it("draws seeded rand and randn bit-identically", () => {
    const a = randn([3, 4], new Random(1), { dtype: "float64" });
    const b = randn([3, 4], new Random(1), { dtype: "float64" });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    const u = rand([1000], new Random(2), { low: -2, high: 3 });
    expect(Math.min(...u.data)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...u.data)).toBeLessThan(3);
  });

  it("rejects bad input with messages that name the argument", () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(
      "tensor: values[1] must be an array of length 2 (ragged arrays are not allowed), got an array of length 1",
    );
    expect(() => tensor([1, "a" as never])).toThrow('tensor: values[1] must be a number, got the string "a"');
    expect(() => tensor(new Float32Array(3), { shape: [2, 2] })).toThrow(
      "tensor: options.shape [2,2] holds 4 values, but the array has 3",
    );
    expect(() => tensor(new Int32Array(2) as never)).toThrow(
      "tensor: values must be a Float32Array, a Float64Array or nested number arrays, got Int32Array",
    );
    expect(() => tensor([1], { dtype: "int32" as never })).toThrow('tensor: options.dtype must be "float32" or "float64", got "int32"');
    expect(() => zeros([2, -1])).toThrow("full: shape must be an array of non-negative integers, got [2,-1]");
    expect(() => rand([2], undefined as never)).toThrow("rand: rng must be a Random (e.g. new Random(42)), got undefined");
    expect(() => randn([2], new Random(0), { std: -1 })).toThrow(
      "randn: options.mean must be finite and options.std finite and >= 0, got mean=0, std=-1",
    );
    expect(() => arange(0, 1, 0)).toThrow("arange: step must not be 0");
  });

  it("keeps NaN and infinities as given", () => {
    const t = tensor([NaN, Infinity, -Infinity]);
    expect(t.toArray()).toEqual([NaN, Infinity, -Infinity]);
  });
});
