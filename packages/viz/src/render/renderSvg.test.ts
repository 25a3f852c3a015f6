import { describe, expect, it } from "vitest";
import { accuracyChart } from "../charts/accuracyChart";
import { cliffChart } from "../charts/cliffChart";
import { gradientHeatmapChart } from "../charts/gradientHeatmapChart";
import { gradientNormChart } from "../charts/gradientNormChart";
import { spectralRadiusChart } from "../charts/spectralRadiusChart";
import { stepContributionChart } from "../charts/stepContributionChart";
import { trainingCurvesChart } from "../charts/trainingCurvesChart";
import { renderSvg } from "./renderSvg";

/** The `d` attributes of the line paths in an SVG. */
function linePaths(svg: string): string[] {
  return [...svg.matchAll(/<path[^>]*aria-roledescription="line mark"[^>]*d="([^"]+)"/g)].map((m) => m[1]!);
}

describe("renderSvg", () => {
  it("renders a log-axis line chart headless, with its titles, tick labels and legend", async () => {
    const svg = await renderSvg(
      gradientNormChart([
        { label: "tanh", cell: "rnn_tanh", values: Array.from({ length: 50 }, (_, i) => 0.27 * 0.4 ** (49 - i)) },
        { label: "lstm", cell: "lstm", values: Array.from({ length: 50 }, (_, i) => 0.2 * 0.95 ** (49 - i)) },
      ]),
    );
    expect(svg.startsWith("<svg")).toBe(true);
    const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(svg)!;
    // The plot is 520 × 280; axes, legend, title and padding add to it.
    expect(Number(w)).toBeGreaterThan(520);
    expect(Number(w)).toBeLessThan(900);
    expect(Number(h)).toBeGreaterThan(280);
    expect(Number(h)).toBeLessThan(420);
    for (const text of ["Gradient norm ‖∂L/∂hₜ‖ per time step", "time step t", "‖∂L/∂hₜ‖ (L2 norm, log scale)", "10⁻²¹", "10⁻³", "tanh", "lstm"]) {
      expect(svg).toContain(`>${text}<`);
    }
    expect(linePaths(svg)).toHaveLength(2);
  });

  it("leaves a visible gap at NaN and draws the × marker, without crashing", async () => {
    const svg = await renderSvg(gradientNormChart([{ label: "a", values: [1, 0.5, NaN, 0.1, 0.05] }]));
    const [d] = linePaths(svg);
    // Two "move to" commands: the path restarts after the gap.
    expect(d!.match(/M/g)).toHaveLength(2);
    expect(svg).toContain(">×<");
    expect(svg).toContain("× 1 non-finite value (NaN or ±∞), drawn as gaps");
  });

  it("renders every chart with bad input — NaN, ±Infinity, zeros and empty series — to a non-empty SVG", async () => {
    const bad = [1, NaN, 0, -1, Infinity, 1e-3];
    const specs = [
      gradientNormChart([{ label: "a", values: bad }, { label: "empty", values: [] }]),
      gradientHeatmapChart({ norms: [bad, bad.map((v) => v * 2)] }),
      trainingCurvesChart([
        { label: "r", records: bad.map((v, step) => ({ step, loss: v, gradNorm: v, clipped: false, threshold: 1, nonFinite: !Number.isFinite(v) })) },
      ]),
      accuracyChart([{ label: "a", bucket: 1, accuracy: NaN }, { label: "a", bucket: 2, accuracy: 0.5 }]),
      spectralRadiusChart([{ label: "a", values: bad }]),
      cliffChart({ w: [0, 1], b: [0], error: [[NaN, 0.1]] }, [{ label: "p", w: [0.5, NaN], b: [0, NaN] }]),
      stepContributionChart([{ label: "a", values: bad }]),
      gradientNormChart([]),
    ];
    for (const spec of specs) {
      const svg = await renderSvg(spec);
      expect(svg).toMatch(/^<svg[^>]* width="\d+" height="\d+"/);
      expect(svg).toContain("<path");
    }
  });

  it("draws 'no data' for an empty chart", async () => {
    expect(await renderSvg(gradientNormChart([]))).toContain(">no data<");
  });
});
