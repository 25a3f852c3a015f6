// The Node entry of @vanish/viz: render the chart specs of the main entry to SVG, PNG and an offline HTML report.
export { toVegaSpec } from "./render/toVegaSpec";
export { renderSvg } from "./render/renderSvg";
export { DEJAVU_FONT_FILES, svgToPng, type PngOptions } from "./render/svgToPng";
export { renderPng } from "./render/renderPng";
export { saveChart } from "./render/saveChart";
export { buildHtmlReport, type HtmlReportOptions, type ReportSection } from "./report/htmlReport";
export { readVegaBundles, vegaBundlePaths, type VegaBundles } from "./report/vegaBundles";
