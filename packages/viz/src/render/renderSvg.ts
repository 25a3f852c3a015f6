import type { TopLevelSpec } from "vega-lite";
import { toVegaSpec } from "./toVegaSpec";

/**
 * Renders a Vega-Lite spec to an SVG string in Node, headless: vega's `renderer: "none"` and `view.toSVG()` need
 * no DOM and no `canvas` package (text widths are then estimated, which adds a little padding).
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const vgSpec = await toVegaSpec(spec);
  const { View, parse } = await import("vega");
  const view = new View(parse(vgSpec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
