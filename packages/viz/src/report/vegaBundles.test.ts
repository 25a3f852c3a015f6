import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readVegaBundles, vegaBundlePaths } from "./vegaBundles";

describe("vegaBundles", () => {
  it("finds the minified browser builds next to the installed packages' entry files", () => {
    const paths = vegaBundlePaths();
    expect(paths.vega).toMatch(/[\\/]vega[\\/]build[\\/]vega\.min\.js$/);
    expect(paths.vegaEmbed).toMatch(/[\\/]vega-embed[\\/]build[\\/]vega-embed\.min\.js$/);
    expect(existsSync(paths.vega) && existsSync(paths.vegaEmbed)).toBe(true);
  });

  it("reads UMD bundles that define the vega and vegaEmbed globals", () => {
    const bundles = readVegaBundles();
    expect(bundles.vega).toContain(".vega={}");
    expect(bundles.vegaEmbed).toContain(".vegaEmbed=");
    expect(bundles.vega.length).toBeGreaterThan(400_000);
    expect(readVegaBundles()).toBe(bundles);
  });
});
