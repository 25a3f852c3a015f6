import { describe, expect, it } from "vitest";
import { ZClip } from "./zClip";
import { flat, t } from "../../test/helpers";

function step(z: ZClip, n: number) {
  const g = t([n]);
  const s = z.apply([g]);
  return { value: flat(g)[0], s };
}

describe("ZClip", () => {
  it("warms up, then clips a spike to μ + z·σ/(z_score/z) and updates the EMA with the clipped norm", () => {
    const z = new ZClip({ warmupSteps: 3 });
    for (const n of [1, 2, 3]) {
      const { value, s } = step(z, n);
      expect(value).toBe(n);
      expect(s).toMatchObject({ threshold: null, clipped: false });
    }
    // after warm-up: μ = 2, σ² = ((1−2)² + 0 + (3−2)²)/3 = 2/3
    expect(z.getState()).toEqual({ type: "zclip", warmup: [], mean: 2, variance: 2 / 3 });

    const std = Math.sqrt(2 / 3);
    const score = (10 - 2) / (std + 1e-6);
    const clipTo = 2 + (2.5 * std) / (score / 2.5);
    const spike = step(z, 10);
    expect(spike.value).toBe(10 * (clipTo / (10 + 1e-6)));
    expect(spike.s).toMatchObject({ threshold: clipTo, clipped: true, details: { z: score, mean: 2, std } });
    const mean1 = 0.97 * 2 + 0.03 * clipTo;
    const var1 = 0.97 * (2 / 3) + 0.03 * (clipTo - mean1) ** 2;
    expect(z.getState()).toEqual({ type: "zclip", warmup: [], mean: mean1, variance: var1 });

    // an ordinary norm passes unchanged and enters the EMA as it is
    const calm = step(z, 2.2);
    expect(calm.value).toBe(2.2);
    expect(calm.s.threshold).toBe(mean1 + 2.5 * (Math.sqrt(var1) + 1e-6));
    const mean2 = 0.97 * mean1 + 0.03 * 2.2;
    expect(z.getState()).toMatchObject({ mean: mean2, variance: 0.97 * var1 + 0.03 * (2.2 - mean2) ** 2 });
  });

  it("applies maxNorm during warm-up (clip_grad_norm_) and as a cap afterwards", () => {
    const z = new ZClip({ warmupSteps: 2, maxNorm: 1.5 });
    expect(step(z, 1).value).toBe(1);
    const w = step(z, 2);
    expect(w.value).toBe(2 * (1.5 / 2.000001));
    expect(w.s.threshold).toBe(1.5);
    // μ = 1.5, σ = 0.5: a norm of 1.6 is no spike (z ≈ 0.2) but exceeds the cap
    const capped = step(z, 1.6);
    expect(capped.value).toBe(1.6 * (1.5 / 1.600001));
    expect(capped.s).toMatchObject({ threshold: 1.5, clipped: true });
  });

  it("neither clips nor records a non-finite norm", () => {
    const z = new ZClip({ warmupSteps: 2 });
    step(z, 1);
    const g = t([Infinity]);
    expect(z.apply([g])).toMatchObject({ threshold: null, clipped: false, nonFinite: { posInf: 1 } });
    expect(flat(g)).toEqual([Infinity]);
    expect(z.getState()).toEqual({ type: "zclip", warmup: [1], mean: null, variance: null });
  });

  it("restores its state exactly, in warm-up and after", () => {
    for (const cut of [2, 9]) {
      const a = new ZClip({ warmupSteps: 4, alpha: 0.9 });
      const norms = [1, 1.2, 0.8, 1.1, 1.05, 6, 0.9, 1.3, 1.0, 25, 1.1, 0.95];
      for (const n of norms.slice(0, cut)) step(a, n);
      const b = new ZClip({ warmupSteps: 4, alpha: 0.9 });
      b.setState(JSON.parse(JSON.stringify(a.getState())));
      for (const n of norms.slice(cut)) expect(step(b, n)).toEqual(step(a, n));
      expect(b.getState()).toEqual(a.getState());
    }
  });

  it("has the published defaults and a spec", () => {
    const z = new ZClip();
    expect([z.alpha, z.zThreshold, z.warmupSteps, z.eps, z.maxNorm]).toEqual([0.97, 2.5, 25, 1e-6, undefined]);
    expect(z.spec).toBe("zclip");
    expect(new ZClip({ alpha: 0.9, zThreshold: 3, warmupSteps: 10, eps: 0, maxNorm: 1 }).spec).toBe("zclip:alpha=0.9:z=3:warmup=10:eps=0:max=1");
  });

  it("validates options and state", () => {
    expect(() => new ZClip({ alpha: 1 })).toThrow(new RangeError("ZClip: options.alpha must be in (0, 1), got 1"));
    expect(() => new ZClip({ alpha: 0 })).toThrow(new RangeError("ZClip: options.alpha must be in (0, 1), got 0"));
    expect(() => new ZClip({ warmupSteps: 0 })).toThrow(new RangeError("ZClip: options.warmupSteps must be an integer in [1, 9007199254740991], got 0"));
    const z = new ZClip({ warmupSteps: 2 });
    expect(() => z.setState({ type: "zclip", warmup: [1, 2], mean: null, variance: null })).toThrow(
      new RangeError("ZClip.setState: state.warmup must hold fewer than warmupSteps (2) norms, got 2"),
    );
    expect(() => z.setState({ type: "zclip", warmup: [], mean: 1, variance: null })).toThrow(
      new RangeError("ZClip.setState: state.mean and state.variance must both be null (warm-up) or finite numbers (variance >= 0), got 1 and null"),
    );
    expect(() => z.setState({ type: "zclip", warmup: [1], mean: 1, variance: 0 })).toThrow(
      new RangeError("ZClip.setState: state.warmup must be empty once mean and variance are set, got 1 norms"),
    );
  });
});
