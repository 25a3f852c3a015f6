import type { EmbedOptions, Result } from "vega-embed";
import type { TopLevelSpec } from "vega-lite";
import { EMBED_OPTIONS } from "../embedOptions";

/** vega-embed (with vega and vega-lite): one dynamic import, so a bundler makes it one chunk, fetched once. */
const loadEmbed = () => import("vega-embed");

/**
 * Fetches and loads vega-embed now, without drawing anything — e.g. when the page is idle, so that a later
 * {@link embedChart} neither waits for the network nor fails once the page has gone offline.
 */
export async function preloadEmbed(): Promise<void> {
  await loadEmbed();
}

/**
 * Draws a chart from "@vanish/viz" into `target` (an element or a CSS selector) with vega-embed. vega-embed (with
 * vega and vega-lite) is loaded on first use, so a bundler can split it out of the page's first chunk.
 * Call `result.finalize()` before drawing a new chart in the same element (e.g. on live updates).
 *
 * @example
 * const result = await embedChart("#norms", gradientNormChart(series));
 */
export async function embedChart(target: HTMLElement | string, spec: TopLevelSpec, options: EmbedOptions = {}): Promise<Result> {
  if (typeof target !== "string" && (typeof target !== "object" || target === null)) {
    throw new TypeError(`embedChart: target must be an HTMLElement or a CSS selector string, got ${target === null ? "null" : typeof target}`);
  }
  const { default: embed } = await loadEmbed();
  return embed(target, spec, { ...EMBED_OPTIONS, mode: "vega-lite", ...options });
}
