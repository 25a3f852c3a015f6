// The browser entry of @vanish/viz: the chart functions of the main entry, drawn live with vega-embed.
export { embedChart, preloadEmbed } from "./browser/embedChart";
export { EMBED_OPTIONS } from "./embedOptions";
