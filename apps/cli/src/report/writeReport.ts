// Writes a report: one self-contained HTML file (every chart inlined, the vega runtime included, no network) and a
// PNG of each chart beside it.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildHtmlReport, renderPng } from "@vanish/viz/node";
import type { cliffChart } from "@vanish/viz";

/** A Vega-Lite spec as @vanish/viz's charts return it (the app does not depend on vega-lite itself). */
export type ChartSpec = ReturnType<typeof cliffChart>;

/** One chart of a report. */
export interface ReportFigure {
  /** File stem of its PNG, e.g. "accuracy-distance". */
  readonly name: string;
  readonly title: string;
  readonly spec: ChartSpec;
  /** Paragraphs under the chart: the measured sentences first, then how to read it. */
  readonly caption: readonly string[];
}

export interface ReportContent {
  readonly title: string;
  readonly intro: readonly string[];
  readonly figures: readonly ReportFigure[];
  readonly footer: string;
}

export interface WrittenReport {
  /** The HTML file. */
  readonly html: string;
  readonly pngs: readonly string[];
}

/** Writes `outDir/index.html` and `outDir/<figure name>.png` (PNGs at 1.5× for sharp text). */
export async function writeReport(content: ReportContent, outDir: string): Promise<WrittenReport> {
  const names = new Set<string>();
  for (const f of content.figures) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(f.name) || names.has(f.name)) {
      throw new RangeError(`writeReport: figure names must be unique lowercase file stems (a-z, 0-9, -), got ${JSON.stringify(f.name)}`);
    }
    names.add(f.name);
  }
  await mkdir(outDir, { recursive: true });
  const html = join(outDir, "index.html");
  const page = await buildHtmlReport({
    title: content.title,
    intro: [...content.intro],
    sections: content.figures.map((f) => ({ spec: f.spec, title: f.title, caption: [...f.caption] })),
    footer: content.footer,
  });
  await writeFile(html, page);
  const pngs: string[] = [];
  for (const f of content.figures) {
    const file = join(outDir, `${f.name}.png`);
    await writeFile(file, await renderPng(f.spec, { scale: 1.5 }));
    pngs.push(file);
  }
  return { html, pngs };
}
