import { describe, expect, it } from "vitest";
import { chain, Chain } from "./chain";
import { ApplyIfFinite } from "./policies/applyIfFinite";
import { SkipNonFinite } from "./policies/skipNonFinite";
import { ZeroNans, zeroNans } from "./policies/zeroNans";
import { adaptiveGradClip, AGCClip } from "./strategies/agc";
import { AutoClip } from "./strategies/autoClip";
import { clipGradNorm, GlobalNormClip } from "./strategies/globalNorm";
import { ValueClip } from "./strategies/value";
import type { ClipStats, ClipStrategy } from "./strategy";
import { flat, t } from "../test/helpers";

const model = () => ({ params: [t([[3, 4], [1, 0]]), t([1, 1])], grads: [t([[NaN, 2], [0.5, 0]]), t([0.3, -0.4])] });

describe("Chain", () => {
  it("equals its stages applied in order: zeroNans → AGC → global norm", () => {
    const a = model();
    const s = chain(new ZeroNans(), new AGCClip({ clipping: 0.1 }), new GlobalNormClip(0.1)).apply(a.grads, { params: a.params });
    const b = model();
    zeroNans(b.grads);
    adaptiveGradClip(b.grads, b.params, { clipping: 0.1 });
    const n = clipGradNorm(b.grads, 0.1);
    expect(a.grads.map(flat)).toEqual(b.grads.map(flat));
    expect(s.strategy).toBe("zeroNans>agc:0.1>norm:0.1");
    expect(s.stages!.map((x) => x.strategy)).toEqual(["zeroNans", "agc:0.1", "norm:0.1"]);
    expect(s.stages![2].normBefore).toBe(n);
    expect(s).toMatchObject({
      normBefore: NaN,
      normAfter: s.stages![2].normAfter,
      threshold: 0.1,
      clipped: true,
      units: 1,
      clippedUnits: 1,
      nonFinite: { nan: 1, posInf: 0, negInf: 0 },
      nonFiniteAfter: { nan: 0, posInf: 0, negInf: 0 },
      skip: false,
    });
    // each stage starts where the previous one ended
    expect(s.stages![1].normBefore).toBe(s.stages![0].normAfter);
    expect(s.stages![2].normBefore).toBe(s.stages![1].normAfter);
  });

  it("stops at a stage that asks to skip, so later stages record nothing", () => {
    const auto = new AutoClip();
    const c = chain(new SkipNonFinite(), auto, new ValueClip(1));
    auto.apply([t([2])]);
    const s = c.apply([t([Infinity, 3])]);
    expect(s.stages!.length).toBe(1);
    expect(s).toMatchObject({ skip: true, clipped: true, normAfter: 0 });
    expect(auto.history()).toEqual([2]);
    expect(c.apply([t([3, 4])]).stages!.length).toBe(3);
    expect(auto.history()).toEqual([2, 5]);
  });

  it("flattens nested chains and composes specs and JSON", () => {
    const c = new Chain([chain(new ZeroNans(), new ValueClip(2)), new GlobalNormClip(1, { normType: Infinity })]);
    expect(c.stages.length).toBe(3);
    expect(c.spec).toBe("zeroNans>value:2>norm:1:type=inf");
    expect(c.toJSON()).toEqual([{ type: "zeroNans" }, { type: "value", clipValue: 2 }, { type: "norm", maxNorm: 1, normType: "inf" }]);
    expect(String(c)).toBe("Chain(zeroNans>value:2>norm:1:type=inf)");
  });

  it("saves and restores the state of its stateful stages, all or nothing", () => {
    const make = () => chain(new ApplyIfFinite(3), new AutoClip({ historyLength: 4 }), new ValueClip(5));
    const a = make();
    for (const v of [1, 2, NaN, 3]) a.apply([t([v, 1])]);
    const state = JSON.parse(JSON.stringify(a.getState()));
    expect(state).toEqual({
      type: "chain",
      stages: [{ type: "applyIfFinite", consecutive: 0, total: 1 }, { type: "autoclip", history: [Math.SQRT2, Math.sqrt(5), Math.sqrt(10)] }, null],
    });
    const b = make();
    b.setState(state);
    for (const v of [7, 0.5]) {
      const ga = [t([v, 1])];
      const gb = [t([v, 1])];
      expect(b.apply(gb)).toEqual(a.apply(ga));
      expect(flat(gb[0])).toEqual(flat(ga[0]));
    }
    const before = b.getState();
    const bad = { type: "chain", stages: [{ type: "applyIfFinite", consecutive: 1, total: 9 }, { type: "autoclip", history: [1, 2, 3, 4, 5] }, null] } as const;
    expect(() => b.setState(bad as never)).toThrow(new RangeError("AutoClip.setState: state.history holds 5 norms, more than historyLength 4"));
    expect(b.getState()).toEqual(before);
    expect(chain(new ValueClip(1)).getState()).toBeNull();
    b.reset();
    expect(b.getState()).toEqual({ type: "chain", stages: [{ type: "applyIfFinite", consecutive: 0, total: 0 }, { type: "autoclip", history: [] }, null] });
  });

  it("accepts strategies written by users (anything with apply and spec)", () => {
    const halve: ClipStrategy = {
      kind: "halve",
      spec: "halve",
      apply(grads): ClipStats {
        for (const g of grads) if (g) for (let i = 0; i < g.size; i++) g.data[g.offset + i] /= 2;
        return new ValueClip(Infinity).apply(grads);
      },
      toJSON: () => ({ type: "error" }),
      getState: () => null,
      setState: () => {},
      reset: () => {},
    };
    const g = [t([4, 8])];
    const s = chain(halve, new ValueClip(3)).apply(g);
    expect(flat(g[0])).toEqual([2, 3]);
    expect(s.strategy).toBe("halve>value:3");
  });

  it("validates its stages and state", () => {
    expect(() => new Chain([])).toThrow(new TypeError("Chain: stages must be a non-empty array of strategies, got an array of length 0"));
    expect(() => new Chain([new ValueClip(1), {} as never])).toThrow(
      new TypeError("Chain: stages[1] must be a strategy (an object with apply and spec), got an object"),
    );
    expect(() => chain(new AutoClip()).setState({ type: "chain", stages: [] })).toThrow(
      new RangeError("Chain.setState: state.stages must have one entry per stage (1), got 0"),
    );
    expect(() => chain(new ValueClip(1)).apply([t([1])], 5 as never)).toThrow(
      new TypeError("Chain.apply: context must be an object like { params, names }, got 5"),
    );
  });
});
