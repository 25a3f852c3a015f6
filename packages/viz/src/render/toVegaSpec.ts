import type { Spec as VegaSpec } from "vega";
import type { TopLevelSpec } from "vega-lite";

/**
 * Compiles a Vega-Lite spec to a Vega spec with vega-lite's own compiler (loaded on first use, so importing
 * `@vanish/viz/node` stays cheap). Rendering and the HTML report then need only the vega runtime.
 */
export async function toVegaSpec(spec: TopLevelSpec): Promise<VegaSpec> {
  const { compile } = await import("vega-lite");
  return compile(spec).spec;
}
