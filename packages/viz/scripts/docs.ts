// `pnpm --filter @vanish/viz run docs`: draws every chart from the example data into docs/*.png (committed, shown
// in the README) and writes docs/report.html (git-ignored), printing how long each step took.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { exampleCharts } from "../examples/exampleCharts";
import { buildHtmlReport, renderSvg, svgToPng } from "../src/node";

const docs = fileURLToPath(new URL("../docs/", import.meta.url));
mkdirSync(docs, { recursive: true });

const charts = exampleCharts();
for (const { name, spec } of charts) {
  const t0 = performance.now();
  const svg = await renderSvg(spec);
  const t1 = performance.now();
  const png = await svgToPng(svg, { scale: 1.5 });
  const t2 = performance.now();
  writeFileSync(`${docs}${name}.png`, png);
  console.log(
    `${name.padEnd(20)} SVG ${(t1 - t0).toFixed(0).padStart(5)} ms ${(svg.length / 1024).toFixed(0).padStart(5)} KB   ` +
      `PNG ${(t2 - t1).toFixed(0).padStart(4)} ms ${(png.length / 1024).toFixed(0).padStart(4)} KB`,
  );
}
const t0 = performance.now();
const html = await buildHtmlReport({
  title: "@vanish/viz — example report",
  intro: "Every chart of @vanish/viz drawn from the package's example data (illustrative, not measured; the cliff is computed exactly).",
  sections: charts.map((c) => ({ spec: c.spec })),
});
writeFileSync(`${docs}report.html`, html);
console.log(`report.html          ${(performance.now() - t0).toFixed(0)} ms ${(html.length / 1024).toFixed(0)} KB`);
