// A self-contained HTML report: every chart precompiled to Vega in Node, the vega and vega-embed browser bundles
// inlined, no network access at all — the file works offline and can be mailed or archived as is.
import type { TopLevelSpec } from "vega-lite";
import { expectArray, expectObject, expectString, describe } from "../data/validate";
import { EMBED_OPTIONS } from "../embedOptions";
import { toVegaSpec } from "../render/toVegaSpec";
import { readVegaBundles } from "./vegaBundles";

/** One chart of a report. */
export interface ReportSection {
  /** A Vega-Lite spec, e.g. from {@link gradientNormChart}. */
  readonly spec: TopLevelSpec;
  /** A heading above the chart (the chart draws its own title too). */
  readonly title?: string;
  /** What the reader should see, one paragraph per entry; default the spec's `description`. */
  readonly caption?: string | readonly string[];
}

export interface HtmlReportOptions {
  /** The page title and main heading. */
  readonly title: string;
  /** Paragraphs under the heading. */
  readonly intro?: string | readonly string[];
  readonly sections: readonly ReportSection[];
  /** A last line, e.g. how the numbers were produced. */
  readonly footer?: string;
}

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for HTML element content and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** JSON that is safe inside a `<script>` element: `<` is escaped, so no `</script>` or `<!--` can appear. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** JavaScript source that is safe inside a `<script>` element. */
function scriptSource(js: string): string {
  return js.replace(/<\/script/gi, "<\\/script").replace(/<!--/g, "<\\!--");
}

function paragraphs(fn: string, path: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (typeof value === "string") return [value];
  return expectArray(fn, path, value, "strings").map((p, i) => expectString(fn, `${path}[${i}]`, p));
}

const STYLE = `
  :root { color-scheme: light; }
  body { font-family: "DejaVu Sans", Verdana, system-ui, sans-serif; color: #222; background: #fafafa; margin: 0; }
  main { max-width: 980px; margin: 0 auto; padding: 24px 20px 48px; }
  h1 { font-size: 26px; margin: 8px 0 12px; }
  h2 { font-size: 19px; margin: 0 0 10px; }
  p { line-height: 1.5; max-width: 780px; }
  figure { background: white; border: 1px solid #ddd; border-radius: 6px; margin: 24px 0; padding: 16px; }
  figcaption p { margin: 10px 0 0; color: #333; }
  .chart { overflow-x: auto; min-height: 120px; }
  .chart-error { color: #b00020; font-weight: bold; }
  footer { color: #555; font-size: 13px; margin-top: 32px; }
`;

/** The script that draws every chart, marks `<html data-rendered>` when done, and shows failures in place. */
const RUNTIME = `
(function () {
  var specs = JSON.parse(document.getElementById("vanish-specs").textContent);
  var options = JSON.parse(document.getElementById("vanish-embed-options").textContent);
  options.mode = "vega";
  var root = document.documentElement;
  Promise.all(specs.map(function (spec, i) {
    var target = document.getElementById("vanish-chart-" + i);
    return vegaEmbed(target, spec, options).catch(function (error) {
      target.textContent = "This chart could not be drawn: " + (error && error.message ? error.message : error);
      target.className += " chart-error";
      throw error;
    });
  })).then(function () {
    root.setAttribute("data-rendered", String(specs.length));
  }, function (error) {
    root.setAttribute("data-rendered", "error");
    console.error(error);
  });
})();
`;

/**
 * Builds one HTML file that lays out the charts with headings and captions. The Vega-Lite specs are compiled to
 * Vega in Node, so the page needs only the vega runtime and vega-embed (about 580 KB minified, inlined); it makes
 * no network request. When every chart is drawn, `<html>` gets `data-rendered="<number of charts>"`.
 *
 * @example
 * writeFileSync("report.html", await buildHtmlReport({ title: "Vanishing gradients", sections: [{ spec }] }));
 */
export async function buildHtmlReport(options: HtmlReportOptions): Promise<string> {
  const fn = "buildHtmlReport";
  const o = expectObject(fn, "options", options, "an object { title, sections, intro?, footer? }");
  const title = expectString(fn, "options.title", o.title);
  const intro = paragraphs(fn, "options.intro", o.intro);
  const footer = o.footer === undefined ? undefined : expectString(fn, "options.footer", o.footer);
  const sections = expectArray(fn, "options.sections", o.sections, "{ spec, title?, caption? }").map((s, i) => {
    const section = expectObject(fn, `options.sections[${i}]`, s, "an object { spec, title?, caption? }");
    const spec = expectObject(fn, `options.sections[${i}].spec`, section.spec, "a Vega-Lite spec object");
    const heading = section.title === undefined ? undefined : expectString(fn, `options.sections[${i}].title`, section.title);
    let caption = paragraphs(fn, `options.sections[${i}].caption`, section.caption);
    if (section.caption === undefined && typeof spec.description === "string") caption = [spec.description];
    return { spec: spec as unknown as TopLevelSpec, heading, caption };
  });
  const compiled = [];
  for (let i = 0; i < sections.length; i++) {
    try {
      compiled.push(await toVegaSpec(sections[i]!.spec));
    } catch (error) {
      throw new TypeError(`${fn}: options.sections[${i}].spec is not a valid Vega-Lite spec: ${(error as Error).message ?? describe(error)}`);
    }
  }
  const bundles = readVegaBundles();
  const figures = sections
    .map((s, i) => {
      const heading = s.heading === undefined ? "" : `\n    <h2>${escapeHtml(s.heading)}</h2>`;
      const caption = s.caption.length === 0 ? "" : `\n    <figcaption>${s.caption.map((p) => `<p>${escapeHtml(p)}</p>`).join("")}</figcaption>`;
      return `  <figure id="figure-${i}">${heading}\n    <div class="chart" id="vanish-chart-${i}"></div>${caption}\n  </figure>`;
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
  <h1>${escapeHtml(title)}</h1>
${intro.map((p) => `  <p>${escapeHtml(p)}</p>`).join("\n")}
  <noscript><p class="chart-error">The charts of this report are drawn by JavaScript; please enable it.</p></noscript>
${sections.length === 0 ? "  <p>This report has no charts.</p>" : figures}
${footer === undefined ? "" : `  <footer>${escapeHtml(footer)}</footer>`}
</main>
<script>${scriptSource(bundles.vega)}</script>
<script>${scriptSource(bundles.vegaEmbed)}</script>
<script type="application/json" id="vanish-specs">${scriptJson(compiled)}</script>
<script type="application/json" id="vanish-embed-options">${scriptJson(EMBED_OPTIONS)}</script>
<script>${RUNTIME}</script>
</body>
</html>
`;
}
