// Every non-finite policy with NaN and ±Infinity, in one tensor and in several, in both dtypes.
import { tensor, type DType, type Tensor } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { NonFiniteGradientError, parseClipSpec, type ClipStats } from "../src/index";
import { flat } from "./helpers";

const CASES: Record<string, number[][]> = {
  "NaN in one tensor": [[1, NaN, 2], [3, 4]],
  "+Infinity in one tensor": [[1, 2], [Infinity, 4]],
  "-Infinity in one tensor": [[-Infinity, 2], [3, 4]],
  "NaN and ±Infinity in several tensors": [[NaN, 1], [Infinity, 2, NaN], [-Infinity, 3]],
};

function make(values: number[][], dtype: DType): Tensor[] {
  return values.map((v) => tensor(v, { dtype }));
}

function count(grads: Tensor[]) {
  const all = grads.flatMap(flat);
  return {
    nan: all.filter((v) => Number.isNaN(v)).length,
    posInf: all.filter((v) => v === Infinity).length,
    negInf: all.filter((v) => v === -Infinity).length,
  };
}

/** Parameters matching the gradients (for AGC in chains). */
const paramsFor = (values: number[][], dtype: DType) => values.map((v) => tensor(v.map(() => 1), { dtype }));

describe.each(["float32", "float64"] as const)("non-finite policies (%s)", (dtype) => {
  describe.each(Object.entries(CASES))("%s", (_name, values) => {
    const expected = count(make(values, dtype));

    it("error throws, names the counts and leaves the gradients alone", () => {
      const grads = make(values, dtype);
      let caught: unknown;
      try {
        parseClipSpec("error").apply(grads);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(NonFiniteGradientError);
      expect((caught as NonFiniteGradientError).counts).toEqual(expected);
      expect(count(grads)).toEqual(expected);
    });

    it("skip reports the skip, counts it and leaves only zeros", () => {
      const p = parseClipSpec("skip");
      const grads = make(values, dtype);
      const s = p.apply(grads);
      expect(s).toMatchObject({ skip: true, nonFinite: expected, nonFiniteAfter: { nan: 0, posInf: 0, negInf: 0 }, normAfter: 0 });
      expect(grads.flatMap(flat).every((v) => v === 0)).toBe(true);
      p.apply(make(values, dtype));
      expect(p.getState()).toEqual({ type: "skip", skipped: 2 });
    });

    it("zeroNans removes every NaN and keeps ±Infinity", () => {
      const grads = make(values, dtype);
      const s = parseClipSpec("zeroNans").apply(grads);
      expect(count(grads)).toEqual({ ...expected, nan: 0 });
      expect(s).toMatchObject({ skip: false, clippedUnits: expected.nan, nonFinite: expected, nonFiniteAfter: { ...expected, nan: 0 } });
    });

    it("applyIfFinite skips with zeros up to its limit, then throws", () => {
      const p = parseClipSpec("applyIfFinite:2");
      for (let k = 1; k <= 2; k++) {
        const grads = make(values, dtype);
        expect(p.apply(grads)).toMatchObject({ skip: true, details: { consecutive: k, total: k } });
        expect(grads.flatMap(flat).every((v) => v === 0)).toBe(true);
      }
      expect(() => p.apply(make(values, dtype))).toThrow(NonFiniteGradientError);
    });

    it("no policy, alone or in front of a chain, leaves a NaN in gradients it reports usable", () => {
      for (const spec of ["skip", "zeroNans", "applyIfFinite:5", "skip>norm:1", "applyIfFinite:5>agc:0.01>norm:1", "zeroNans>value:1", "skip>zclip:warmup=1"]) {
        const grads = make(values, dtype);
        const s: ClipStats = parseClipSpec(spec).apply(grads, { params: paramsFor(values, dtype) });
        if (!s.skip) expect(count(grads).nan, spec).toBe(0);
        expect(s.nonFiniteAfter, spec).toEqual(count(grads));
      }
    });

    it("every strategy reports the non-finite elements it leaves behind exactly", () => {
      const specs = ["value:1", "norm:1", "norm:1:type=1", "norm:1:type=inf", "tensornorm:1", "tfglobalnorm:1", "blockrms:1", "agc", "autoclip", "zclip", "zeroNans>norm:1"];
      for (const spec of specs) {
        const grads = make(values, dtype);
        const s = parseClipSpec(spec).apply(grads, { params: paramsFor(values, dtype) });
        expect(s.nonFinite, spec).toEqual(expected);
        expect(s.nonFiniteAfter, spec).toEqual(count(grads));
        expect(s.skip, spec).toBe(false);
      }
    });
  });
});
