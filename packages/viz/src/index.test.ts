import { describe, expect, it } from "vitest";
import * as browser from "./browser";
import * as main from "./index";
import * as node from "./node";

describe("public API", () => {
  it("exports the pure chart functions, palette and terminal helpers from the main entry", () => {
    expect(Object.keys(main).sort()).toEqual([
      "CELL_COLORS",
      "DASHES",
      "FALLBACK_COLORS",
      "MARKER_COLORS",
      "STRATEGY_COLORS",
      "accuracyChart",
      "asciiChart",
      "cliffChart",
      "gradientHeatmapChart",
      "gradientNormChart",
      "logAxis",
      "powerOfTenLabel",
      "seriesStyles",
      "sparkline",
      "spectralRadiusChart",
      "stepContributionChart",
      "strategyColor",
      "strategyName",
      "trainingCurvesChart",
    ]);
  });

  it("exports rendering and the report from the node entry", () => {
    expect(Object.keys(node).sort()).toEqual([
      "DEJAVU_FONT_FILES",
      "buildHtmlReport",
      "readVegaBundles",
      "renderPng",
      "renderSvg",
      "saveChart",
      "svgToPng",
      "toVegaSpec",
      "vegaBundlePaths",
    ]);
  });

  it("exports the embed function from the browser entry", () => {
    expect(Object.keys(browser).sort()).toEqual(["EMBED_OPTIONS", "embedChart", "preloadEmbed"]);
  });
});
