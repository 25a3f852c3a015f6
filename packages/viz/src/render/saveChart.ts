import { mkdir, writeFile } from "node:fs/promises";
import { dirname, extname } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { buildHtmlReport } from "../report/htmlReport";
import { renderSvg } from "./renderSvg";
import { svgToPng, type PngOptions } from "./svgToPng";

/** The text of a spec's title, for the page title of a one-chart report. */
function titleText(spec: TopLevelSpec): string {
  const t = spec.title;
  if (typeof t === "string") return t;
  if (Array.isArray(t)) return t.join(" ");
  if (t !== undefined && typeof t === "object" && "text" in t) {
    const text = t.text;
    if (typeof text === "string") return text;
    if (Array.isArray(text)) return text.join(" ");
  }
  return "Chart";
}

const FORMATS = [".svg", ".png", ".html", ".json"] as const;

/**
 * Writes a chart to `file`, in the format its extension names: `.svg`, `.png` (resvg), `.html` (a one-chart
 * offline report) or `.json` (the Vega-Lite spec). Creates missing directories.
 */
export async function saveChart(spec: TopLevelSpec, file: string, options: PngOptions = {}): Promise<void> {
  const ext = extname(file).toLowerCase();
  if (!(FORMATS as readonly string[]).includes(ext)) {
    throw new RangeError(`saveChart: file must end in one of ${FORMATS.join(", ")}, got ${JSON.stringify(file)}`);
  }
  let content: string | Uint8Array;
  if (ext === ".svg") content = await renderSvg(spec);
  else if (ext === ".png") content = await svgToPng(await renderSvg(spec), options);
  else if (ext === ".html") {
    content = await buildHtmlReport({ title: titleText(spec), sections: [{ spec }] });
  } else content = `${JSON.stringify(spec, null, 2)}\n`;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, content);
}
