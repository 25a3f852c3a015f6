import { describe, expect, it } from "vitest";
import { SkipNonFinite } from "./skipNonFinite";
import { flat, t } from "../../test/helpers";

describe("SkipNonFinite", () => {
  it("asks to skip, counts the skip and zero-fills the gradients", () => {
    const p = new SkipNonFinite();
    const g = [t([1, Infinity]), t([2])];
    const s = p.apply(g);
    expect(s).toMatchObject({ strategy: "skip", skip: true, clipped: true, units: 3, clippedUnits: 3, normAfter: 0, details: { skipped: 1 } });
    expect(s.nonFiniteAfter).toEqual({ nan: 0, posInf: 0, negInf: 0 });
    expect(g.map(flat)).toEqual([[0, 0], [0]]);
    expect(p.skipped).toBe(1);
  });

  it("lets finite gradients through and keeps its count as state", () => {
    const p = new SkipNonFinite();
    p.apply([t([NaN])]);
    const g = [t([3, 4])];
    expect(p.apply(g)).toMatchObject({ skip: false, clipped: false, details: { skipped: 1 } });
    expect(flat(g[0])).toEqual([3, 4]);
    expect(p.getState()).toEqual({ type: "skip", skipped: 1 });
    const q = new SkipNonFinite();
    q.setState(JSON.parse(JSON.stringify(p.getState())));
    expect(q.skipped).toBe(1);
    expect(() => q.setState({ type: "skip", skipped: -1 })).toThrow(new RangeError("SkipNonFinite.setState: state.skipped must be an integer >= 0, got -1"));
    q.reset();
    expect(q.skipped).toBe(0);
  });
});
