import { tensor, transpose, zeros } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { adaptiveGradClip, AGCClip } from "./agc";
import { expectClose, flat, t } from "../../test/helpers";

// W rows have norms 5 and 0; G rows have norms 1 and 0.5; λ = 0.1, ε = 1e-3:
//   row 0: bound 0.1·5 = 0.5 < 1      → G₀ · 0.5/1 = [0.5, 0]
//   row 1: bound 0.1·max(0, ε) = 1e-4 → G₁ · 1e-4/0.5 = [1e-4, 0]
// bias: ‖w‖ = 1, bound 0.1, ‖g‖ = 0.5 → g · 0.2
function model() {
  return {
    params: [t([[3, 4], [0, 0]]), t([1, 0])],
    grads: [t([[1, 0], [0.5, 0]]), t([0.3, 0.4])],
  };
}

describe("adaptiveGradClip", () => {
  it("clips each row of a [out, in] matrix and a vector as one unit", () => {
    const { params, grads } = model();
    expect(adaptiveGradClip(grads, params, { clipping: 0.1 })).toBe(3);
    expectClose(flat(grads[0]), [0.5, 0, 1e-4, 0], { rtol: 1e-15 });
    expectClose(flat(grads[1]), [0.06, 0.08], { rtol: 1e-15 });
    expect(flat(params[0])).toEqual([3, 4, 0, 0]);
  });

  it("leaves units within the bound untouched, including at the bound", () => {
    const params = [t([[3, 4]])];
    const grads = [t([[0.03, 0.04]])]; // ‖G‖ = 0.05 = 0.01·5
    expect(adaptiveGradClip(grads, params)).toBe(0);
    expect(flat(grads[0])).toEqual([0.03, 0.04]);
  });

  it("uses the slices along axis 0 as units for higher ranks", () => {
    const p = tensor([[[1, 0], [0, 0]], [[0, 0], [0, 100]]], { dtype: "float64" });
    const g = tensor([[[0, 1], [0, 0]], [[0, 0], [0, 1]]], { dtype: "float64" });
    expect(adaptiveGradClip([g], [p], { clipping: 0.5 })).toBe(1);
    expect(flat(g)).toEqual([0, 0.5, 0, 0, 0, 0, 0, 1]);
  });

  it("excludes tensors by index (negative from the end) or by name", () => {
    for (const exclude of [[-1], [1], ["head.bias"]]) {
      const { params, grads } = model();
      expect(adaptiveGradClip(grads, params, { clipping: 0.1, exclude, names: ["w", "head.bias"] })).toBe(2);
      expect(flat(grads[1])).toEqual([0.3, 0.4]);
    }
  });

  it("skips null gradients and excluded tensors need no parameter", () => {
    const { params, grads } = model();
    expect(adaptiveGradClip([null, grads[1]], [null, params[1]], { clipping: 0.1 })).toBe(1);
    const excluded = t([5]);
    expect(adaptiveGradClip([grads[0], excluded], [params[0], null], { exclude: [1] })).toBe(2);
    expect(flat(excluded)).toEqual([5]);
  });

  it("validates params, options and exclusions", () => {
    const { params, grads } = model();
    expect(() => adaptiveGradClip(grads, [params[0]])).toThrow(new RangeError("adaptiveGradClip: params must have one tensor per gradient (2), got 1"));
    expect(() => adaptiveGradClip(grads, undefined as never)).toThrow(
      new TypeError("adaptiveGradClip: params must be an array of the parameter Tensors, one per gradient, got undefined"),
    );
    expect(() => adaptiveGradClip(grads, [params[0], t([1, 2, 3])])).toThrow(
      new RangeError("adaptiveGradClip: params[1] must have the shape of grads[1] [2], got [3]"),
    );
    expect(() => adaptiveGradClip(grads, [transpose(params[0]), params[1]])).toThrow(
      new TypeError("adaptiveGradClip: params[0] must be dense (contiguous), got strides [1,2] for shape [2,2]"),
    );
    expect(() => adaptiveGradClip(grads, params, { exclude: ["head"] })).toThrow(
      new TypeError('adaptiveGradClip: exclude names "head", so names (one string per gradient) must be given, got undefined'),
    );
    expect(() => adaptiveGradClip(grads, params, { exclude: ["head"], names: ["a", "b"] })).toThrow(
      new RangeError('adaptiveGradClip: exclude names "head", which is not in names [a, b]'),
    );
    expect(() => adaptiveGradClip(grads, params, { exclude: [2] })).toThrow(new RangeError("adaptiveGradClip: exclude index 2 is out of range for 2 gradients"));
    expect(() => adaptiveGradClip(grads, params, { exclude: [1.5] })).toThrow(
      new TypeError("adaptiveGradClip: options.exclude[0] must be an integer index or a non-empty name, got 1.5"),
    );
    expect(() => adaptiveGradClip(grads, params, { clipping: 0 })).toThrow(new RangeError("adaptiveGradClip: options.clipping must be in (0, Infinity), got 0"));
  });
});

describe("AGCClip", () => {
  it("takes params and names from the context and reports units", () => {
    const { params, grads } = model();
    const agc = new AGCClip({ clipping: 0.1, exclude: ["b"] });
    const s = agc.apply(grads, { params, names: ["W", "b"] });
    expect(s).toMatchObject({ strategy: "agc:0.1:exclude=b", threshold: 0.1, units: 2, clippedUnits: 2, clippedFraction: 1, clipped: true });
    expect(() => agc.apply(grads)).toThrow(new TypeError("AGCClip.apply: context.params must hold the parameter tensors (one per gradient), got undefined"));
    expect(new AGCClip().spec).toBe("agc:0.01");
    expect(new AGCClip({ eps: 0, exclude: [-2, -1] }).toJSON()).toEqual({ type: "agc", clipping: 0.01, eps: 0, exclude: [-2, -1] });
  });

  it("lets zero-initialised units move by ε·λ", () => {
    const g = [t([[3, 4]])];
    new AGCClip().apply(g, { params: [zeros([1, 2], { dtype: "float64" })] });
    expectClose(flat(g[0]), [0.6e-5, 0.8e-5], { rtol: 1e-12 });
  });
});
