import { describe, expect, it } from "vitest";
import { AutoClip } from "./autoClip";
import { flat, t } from "../../test/helpers";

/** One step with a one-element gradient whose norm is |n|; returns the clipped value and the stats. */
function step(a: AutoClip, n: number) {
  const g = t([n]);
  const s = a.apply([g]);
  return { value: flat(g)[0], s };
}

describe("AutoClip", () => {
  it("clips to the p-th percentile of all norms so far, the current one included (p = 10)", () => {
    const a = new AutoClip();
    // norms 1, 3, 2, 10 → τ = pct([1]) = 1, pct([1,3]) = 1.2, pct([1,2,3]) = 1.2, pct([1,2,3,10]) = 1.3
    const expected = [
      [1, 1],
      [3, 1.2],
      [2, 1.2],
      [10, 1.3],
    ];
    for (const [n, tau] of expected) {
      const { value, s } = step(a, n);
      expect(s.threshold).toBeCloseTo(tau, 15);
      expect(value).toBe(n * (s.threshold! / (n + 1e-6)));
      expect(s).toMatchObject({ clipped: true, units: 1, clippedUnits: 1 });
    }
    expect(a.history()).toEqual([1, 3, 2, 10]);
    expect(a.currentThreshold()).toBeCloseTo(1.3, 15);
  });

  it("keeps only the last historyLength norms", () => {
    const a = new AutoClip({ percentile: 100, historyLength: 2 });
    expect(step(a, 5).s.threshold).toBe(5);
    expect(step(a, 1).s.threshold).toBe(5);
    expect(step(a, 3).s.threshold).toBe(3); // 5 has left the window
    expect(a.history()).toEqual([1, 3]);
    expect(a.getState()).toEqual({ type: "autoclip", history: [1, 3] });
  });

  it("grows past its initial buffers and evicts duplicates correctly", () => {
    const a = new AutoClip({ percentile: 50, historyLength: 40 });
    const norms = Array.from({ length: 100 }, (_, i) => (i * 7) % 13);
    for (const n of norms) step(a, n);
    const window = norms.slice(-40);
    expect(a.history()).toEqual(window);
    const sorted = [...window].sort((x, y) => x - y);
    expect(a.currentThreshold()).toBe((sorted[19] + sorted[20]) / 2);
  });

  it("neither records nor clips a non-finite norm", () => {
    const a = new AutoClip();
    step(a, 2);
    const g = t([NaN, 1]);
    const s = a.apply([g]);
    expect(s).toMatchObject({ threshold: null, clipped: false, nonFinite: { nan: 1, posInf: 0, negInf: 0 } });
    expect(flat(g)).toEqual([NaN, 1]);
    expect(a.history()).toEqual([2]);
  });

  it("restores its state exactly, after a JSON round trip", () => {
    const a = new AutoClip({ percentile: 25, historyLength: 5 });
    for (const n of [0.3, 7, 1.1, 2.5, 0.01, 4, 3.3]) step(a, n);
    const b = new AutoClip({ percentile: 25, historyLength: 5 });
    b.setState(JSON.parse(JSON.stringify(a.getState())));
    for (const n of [9, 0.2, 1.7]) expect(step(b, n)).toEqual(step(a, n));
    expect(b.getState()).toEqual(a.getState());
    b.reset();
    expect(b.history()).toEqual([]);
  });

  it("validates options and state", () => {
    expect(() => new AutoClip({ percentile: 101 })).toThrow(new RangeError("AutoClip: options.percentile must be in [0, 100], got 101"));
    expect(() => new AutoClip({ historyLength: 0 })).toThrow(new RangeError("AutoClip: options.historyLength must be an integer in [1, Infinity), got 0"));
    expect(() => new AutoClip({ historyLength: 2.5 })).toThrow(new RangeError("AutoClip: options.historyLength must be an integer in [1, Infinity), got 2.5"));
    const a = new AutoClip({ historyLength: 2 });
    expect(() => a.setState({ type: "autoclip", history: [1, 2, 3] })).toThrow(
      new RangeError("AutoClip.setState: state.history holds 3 norms, more than historyLength 2"),
    );
    expect(() => a.setState({ type: "autoclip", history: [1, -2] })).toThrow(new RangeError("AutoClip.setState: state.history[1] must be a finite norm >= 0, got -2"));
    expect(() => a.setState({ type: "skip", skipped: 1 })).toThrow(new TypeError('AutoClip.setState: state.type must be "autoclip", got the string "skip"'));
    expect(() => a.setState(null)).toThrow(new TypeError('AutoClip.setState: state.type must be "autoclip", got null'));
  });

  it("has a spec and JSON form", () => {
    expect(new AutoClip().spec).toBe("autoclip:10");
    expect(new AutoClip({ percentile: 5, historyLength: 100 }).spec).toBe("autoclip:5:history=100");
    expect(new AutoClip({ historyLength: 100 }).toJSON()).toEqual({ type: "autoclip", percentile: 10, historyLength: 100 });
  });
});
