import { describe, expect, it } from "vitest";
import { NonFiniteGradientError } from "../errors";
import { ApplyIfFinite } from "./applyIfFinite";
import { flat, t } from "../../test/helpers";

describe("ApplyIfFinite", () => {
  it("skips up to N non-finite steps in a row, then throws; a finite step resets the run", () => {
    const p = new ApplyIfFinite(2);
    const bad = () => [t([NaN, 1])];
    expect(p.apply(bad())).toMatchObject({ skip: true, details: { consecutive: 1, total: 1 } });
    expect(p.apply(bad())).toMatchObject({ skip: true, details: { consecutive: 2, total: 2 } });
    const good = [t([3, 4])];
    expect(p.apply(good)).toMatchObject({ skip: false, clipped: false, details: { consecutive: 0, total: 2 } });
    expect(flat(good[0])).toEqual([3, 4]);
    p.apply(bad());
    p.apply(bad());
    expect(() => p.apply([t([1, -Infinity])])).toThrow(
      new NonFiniteGradientError(
        "ApplyIfFinite.apply: 3 steps in a row had non-finite gradients, more than maxConsecutiveFailures 2 (grads[0] holds 1 -Infinity); training has diverged",
        { nan: 0, posInf: 0, negInf: 1 },
      ),
    );
    expect(p.getState()).toEqual({ type: "applyIfFinite", consecutive: 3, total: 5 });
  });

  it("zero-fills the gradients of a skipped step", () => {
    const g = [t([NaN, 1]), t([Infinity])];
    const s = new ApplyIfFinite(1).apply(g);
    expect(g.map(flat)).toEqual([[0, 0], [0]]);
    expect(s).toMatchObject({ units: 3, clippedUnits: 3, nonFinite: { nan: 1, posInf: 1, negInf: 0 }, nonFiniteAfter: { nan: 0, posInf: 0, negInf: 0 } });
  });

  it("with N = 0 throws on the first non-finite step", () => {
    expect(() => new ApplyIfFinite(0).apply([t([NaN])])).toThrow(NonFiniteGradientError);
  });

  it("restores its state and validates it", () => {
    const p = new ApplyIfFinite(3);
    p.apply([t([NaN])]);
    const q = new ApplyIfFinite(3);
    q.setState(JSON.parse(JSON.stringify(p.getState())));
    expect(q.getState()).toEqual({ type: "applyIfFinite", consecutive: 1, total: 1 });
    expect(() => q.setState({ type: "applyIfFinite", consecutive: 2, total: 1 })).toThrow(
      new RangeError("ApplyIfFinite.setState: state.consecutive and state.total must be integers with 0 <= consecutive <= total, got 2 and 1"),
    );
    expect(() => new ApplyIfFinite(-1)).toThrow(new RangeError("ApplyIfFinite: maxConsecutiveFailures must be an integer in [0, 9007199254740991], got -1"));
    expect(new ApplyIfFinite(5).spec).toBe("applyIfFinite:5");
  });
});
