/**
 * The vega-embed options shared by the browser entry and the HTML report: SVG output (crisp at any zoom and
 * searchable text), tooltips, and a menu that can save a chart as SVG or PNG — but no links to the online editor
 * or to the spec source, so nothing on the page reaches for the network.
 */
export const EMBED_OPTIONS = Object.freeze({
  renderer: "svg" as const,
  tooltip: true,
  actions: Object.freeze({ export: true, source: false, compiled: false, editor: false }),
});
