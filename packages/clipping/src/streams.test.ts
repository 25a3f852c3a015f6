// Stateful strategies keep statistics per `context.stream`: the fix for ZClip and AutoClip under truncated BPTT,
// where a step's windows have norms of different sizes (measured in the CLI on the copy task: five state-only
// windows near 0.001, the window with the targets 8–16; pooled, ZClip's threshold fell to 0.001 and 593 of 600
// steps were clipped to nothing).
import { describe, expect, it } from "vitest";
import { AutoClip } from "./strategies/autoClip";
import { ZClip } from "./strategies/zClip";
import { parseClipSpec } from "./spec";
import { flat, t } from "../test/helpers";

/** Windows of 30 steps: five small norms, then one large one, as truncated BPTT gives on a copy task. */
function windows(strategy: { apply: ZClip["apply"] }, perStream: boolean): { clippedLarge: number; lastLarge: number } {
  let clippedLarge = 0;
  let lastLarge = 0;
  for (let step = 0; step < 30; step++) {
    const norms = [0.01, 0.012, 0.011, 0.013, 0.01, 10 + (step % 3)];
    norms.forEach((n, k) => {
      const g = t([n]);
      const s = strategy.apply([g], perStream ? { stream: k } : {});
      if (k === 5) {
        if (s.clipped) clippedLarge++;
        lastLarge = flat(g)[0];
      }
    });
  }
  return { clippedLarge, lastLarge };
}

describe("statistics per stream", () => {
  it("ZClip: pooled windows clip every target window to near nothing; per stream, none", () => {
    const pooled = windows(new ZClip({ warmupSteps: 5 }), false);
    expect(pooled.clippedLarge).toBeGreaterThan(20);
    expect(pooled.lastLarge).toBeLessThan(0.5);
    const streamed = windows(new ZClip({ warmupSteps: 5 }), true);
    expect(streamed).toEqual({ clippedLarge: 0, lastLarge: 12 });
  });

  it("AutoClip: per stream, each window's norm is compared with its own history", () => {
    const pooled = windows(new AutoClip({ percentile: 50 }), false);
    expect(pooled.lastLarge).toBeLessThan(0.1);
    const streamed = windows(new AutoClip({ percentile: 50 }), true);
    expect(streamed.lastLarge).toBeGreaterThan(9.9);
  });

  it("stream 0 is the default, and a state without other streams is what it always was", () => {
    const a = new ZClip({ warmupSteps: 2 });
    a.apply([t([1])]);
    a.apply([t([1])], { stream: 0 });
    expect(a.getState()).toEqual({ type: "zclip", warmup: [], mean: 1, variance: 0 });
    const b = new AutoClip();
    b.apply([t([2])]);
    expect(b.getState()).toEqual({ type: "autoclip", history: [2] });
  });

  it("getState/setState round-trip every stream, through JSON, and continue identically", () => {
    for (const spec of ["zclip:warmup=3", "autoclip:25:history=4", "skip>zclip:warmup=2>autoclip"]) {
      const a = parseClipSpec(spec);
      const b = parseClipSpec(spec);
      const norms = [1, 3, 2, 5, 4, 0.5, 7, 2, 1, 3, 9, 2];
      norms.slice(0, 6).forEach((n, i) => a.apply([t([n])], { stream: i % 3 }));
      const state = JSON.parse(JSON.stringify(a.getState()));
      expect(JSON.stringify(state)).toContain("streams");
      b.setState(state);
      expect(b.getState()).toEqual(a.getState());
      norms.slice(6).forEach((n, i) => {
        const ga = t([n]);
        const gb = t([n]);
        expect(b.apply([gb], { stream: i % 3 })).toEqual(a.apply([ga], { stream: i % 3 }));
        expect(flat(gb)).toEqual(flat(ga));
      });
    }
  });

  it("refuses a bad stream or a bad stream state, naming it", () => {
    expect(() => new ZClip().apply([t([1])], { stream: -1 })).toThrow(new RangeError("ZClip.apply: context.stream must be an integer in [0, 65535], got -1"));
    expect(() => new AutoClip().apply([t([1])], { stream: 1.5 })).toThrow(new RangeError("AutoClip.apply: context.stream must be an integer in [0, 65535], got 1.5"));
    expect(() => new ZClip({ warmupSteps: 2 }).setState({ type: "zclip", warmup: [], mean: null, variance: null, streams: [{ warmup: [1, 2], mean: null, variance: null }] })).toThrow(
      new RangeError("ZClip.setState: state.streams[0].warmup must hold fewer than warmupSteps (2) norms, got 2"),
    );
    expect(() => new AutoClip().setState({ type: "autoclip", history: [], streams: [[1, -2]] })).toThrow(new RangeError("AutoClip.setState: state.streams[0][1] must be a finite norm >= 0, got -2"));
  });
});
