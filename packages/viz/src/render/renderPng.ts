import type { TopLevelSpec } from "vega-lite";
import { renderSvg } from "./renderSvg";
import { svgToPng, type PngOptions } from "./svgToPng";

/** Renders a Vega-Lite spec to PNG bytes: {@link renderSvg}, then resvg with DejaVu Sans. */
export async function renderPng(spec: TopLevelSpec, options: PngOptions = {}): Promise<Uint8Array> {
  return svgToPng(await renderSvg(spec), options);
}
