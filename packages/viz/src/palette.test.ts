import { describe, expect, it } from "vitest";
import { contrast, deltaE, type Vision } from "../test/colorVision";
import { CELL_COLORS, DASHES, FALLBACK_COLORS, STRATEGY_COLORS, seriesStyles, strategyColor, strategyName } from "./palette";

const VISIONS: Vision[] = ["normal", "protanopia", "deuteranopia", "tritanopia"];

/** The smallest ΔE between any two colours of `colors`, under any of the four kinds of vision. */
function worstDelta(colors: readonly string[]): number {
  let min = Infinity;
  for (const v of VISIONS) {
    for (let i = 0; i < colors.length; i++) {
      for (let j = i + 1; j < colors.length; j++) min = Math.min(min, deltaE(colors[i]!, colors[j]!, v));
    }
  }
  return min;
}

describe("palette", () => {
  it("keeps the four cell colours apart under simulated colour-vision deficiencies", () => {
    // ΔE ≈ 2.3 is one just-noticeable difference; thin lines need far more.
    expect(worstDelta(Object.values(CELL_COLORS))).toBeGreaterThan(15);
  });

  it("keeps the nine strategy colours apart under simulated colour-vision deficiencies", () => {
    expect(Object.keys(STRATEGY_COLORS)).toHaveLength(9);
    expect(worstDelta(Object.values(STRATEGY_COLORS))).toBeGreaterThan(12);
  });

  it("gives every line colour at least 3:1 contrast on the white background (WCAG 2, graphics)", () => {
    for (const color of [...Object.values(CELL_COLORS), ...Object.values(STRATEGY_COLORS), ...FALLBACK_COLORS]) {
      expect(contrast(color, "#ffffff"), color).toBeGreaterThanOrEqual(3);
    }
  });

  it("does not reuse a cell colour for a strategy", () => {
    for (const cell of Object.values(CELL_COLORS)) {
      for (const strategy of Object.values(STRATEGY_COLORS)) expect(deltaE(cell, strategy)).toBeGreaterThan(20);
    }
  });

  it("reads a strategy kind or a clipping spec, in any case, and nothing else", () => {
    expect(strategyName("norm:1")).toBe("norm");
    expect(strategyName("value:0.5")).toBe("value");
    expect(strategyName("agc:0.01")).toBe("agc");
    expect(strategyName("ZClip")).toBe("zclip");
    expect(strategyName("tensornorm:2")).toBe("tensornorm");
    expect(strategyName("none")).toBe("none");
    expect(strategyName("globalNorm")).toBeUndefined();
    expect(strategyName("zeroNans>agc:0.01")).toBeUndefined();
    expect(strategyName("toString")).toBeUndefined();
    expect(strategyColor("norm:1")).toBe(STRATEGY_COLORS.norm);
    expect(strategyColor("unknown")).toBeUndefined();
  });
});

describe("seriesStyles", () => {
  it("colours by cell first, then by strategy, then by the fallback list in order", () => {
    const styles = seriesStyles([
      { label: "a", cell: "lstm", strategy: "norm" },
      { label: "b", strategy: "agc" },
      { label: "c" },
      { label: "d", strategy: "not-a-strategy" },
    ]);
    expect(styles.labels).toEqual(["a", "b", "c", "d"]);
    expect(styles.colors).toEqual([CELL_COLORS.lstm, STRATEGY_COLORS.agc, FALLBACK_COLORS[0], FALLBACK_COLORS[1]]);
    expect(styles.dashes).toEqual([[1, 0], [1, 0], [1, 0], [1, 0]]);
  });

  it("gives series that share a colour different dash patterns", () => {
    const styles = seriesStyles([
      { label: "tanh at init", cell: "rnn_tanh" },
      { label: "lstm", cell: "lstm" },
      { label: "tanh trained", cell: "rnn_tanh" },
      { label: "tanh clipped", cell: "rnn_tanh" },
    ]);
    expect(styles.colors[0]).toBe(styles.colors[2]);
    expect(styles.dashes).toEqual([DASHES[0], DASHES[0], DASHES[1], DASHES[2]]);
  });
});
