// The HTML report and the browser entry in a real browser: Debian's Chromium driven by playwright-core, one launch
// for the whole file. Network access is refused, so the report must work offline.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleCharts } from "../examples/exampleCharts";
import { gradientNormChart, trainingCurvesChart } from "../src/index";
import { buildHtmlReport } from "../src/node";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// docs/toolchain.md#browsers: flags that work headless as root.
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** Screenshots land here (git-ignored) so that a person can look at them. */
const SCREENSHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));

let context: BrowserContext;
const work = mkdtempSync(join(tmpdir(), "viz-browser-"));

/** The charts of the example report, plus one made of bad input. */
function reportCharts() {
  const charts = exampleCharts().map((c) => ({ spec: c.spec }));
  charts.push({
    spec: gradientNormChart(
      [
        { label: "with NaN, ∞ and 0", cell: "rnn_relu", values: [1, 0.5, NaN, 0.1, Infinity, 0.02, 0, 0.004] },
        { label: "empty", cell: "gru", values: [] },
      ],
      { title: "Bad input, drawn visibly" },
    ),
  });
  charts.push({ spec: trainingCurvesChart([]) });
  return charts;
}

/** Everything the page says on its console, and every request it tries beyond its own files. */
function watch(page: Page) {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install it with "apt-get update && apt-get install -y chromium" (CI does), or set CHROMIUM_PATH.`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  context = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1100, height: 900 },
  });
  // Offline: only file:// URLs load; anything else is aborted and recorded.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    blocked.push(url);
    return route.abort();
  });
}, 60_000);

const blocked: string[] = [];

afterAll(async () => {
  await context?.close();
});

describe("in headless Chromium", () => {
  it("the HTML report draws every chart offline, with no console error", async () => {
    const charts = reportCharts();
    const file = join(work, "report.html");
    writeFileSync(file, await buildHtmlReport({ title: "Vanish — example report", intro: "Illustrative data.", sections: charts }));
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector("html[data-rendered]", { timeout: 30_000 });
    expect(await page.getAttribute("html", "data-rendered")).toBe(String(charts.length));
    const sizes = await page.$$eval(".chart svg.marks", (svgs) => svgs.map((s) => [s.clientWidth, s.clientHeight]));
    expect(sizes).toHaveLength(charts.length);
    for (const [w, h] of sizes) {
      expect(w).toBeGreaterThan(300);
      expect(h).toBeGreaterThan(150);
    }
    const text = await page.$$eval(".chart svg.marks", (svgs) => svgs.map((s) => s.textContent ?? ""));
    expect(text[0]).toContain("Gradient norm ‖∂L/∂hₜ‖ per time step");
    expect(text[0]).toContain("10⁻²¹");
    expect(text[6]).toContain("The cliff");
    expect(text[8]).toContain("× 2 non-finite values");
    expect(text[9]).toContain("no data");
    await page.screenshot({ path: join(SCREENSHOTS, "report.png"), fullPage: true });
    await page.locator("#figure-8").screenshot({ path: join(SCREENSHOTS, "report-bad-input.png") });
    expect(problems).toEqual([]);
    expect(blocked).toEqual([]);
    await page.close();
  });

  it("the browser entry draws Vega-Lite specs with vega-embed, compiling them in the page", async () => {
    // Bundle src/browser.ts as a page script would get it from a bundler (vega-embed, vega-lite and vega inlined).
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL("../src/browser.ts", import.meta.url))],
      bundle: true,
      format: "iife",
      globalName: "VanishViz",
      platform: "browser",
      write: false,
      logLevel: "silent",
    });
    writeFileSync(join(work, "browser-entry.js"), bundle.outputFiles[0]!.text);
    const specs = exampleCharts().map((c) => c.spec);
    writeFileSync(join(work, "specs.js"), `window.SPECS = ${JSON.stringify(specs)};`);
    writeFileSync(
      join(work, "embed.html"),
      `<!DOCTYPE html><meta charset="utf-8"><body>${specs.map((_, i) => `<div id="c${i}"></div>`).join("")}
<script src="specs.js"></script><script src="browser-entry.js"></script>
<script>
Promise.all(SPECS.map((spec, i) => VanishViz.embedChart("#c" + i, spec)))
  .then((results) => { document.body.dataset.rendered = results.length; })
  .catch((e) => { console.error(e); document.body.dataset.rendered = "error"; });
</script></body>`,
    );
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(pathToFileURL(join(work, "embed.html")).href);
    await page.waitForSelector("body[data-rendered]", { timeout: 30_000 });
    expect(await page.getAttribute("body", "data-rendered")).toBe(String(specs.length));
    expect(await page.$$eval("svg.marks", (svgs) => svgs.filter((s) => s.clientWidth > 300 && s.clientHeight > 150).length)).toBe(specs.length);
    await page.screenshot({ path: join(SCREENSHOTS, "browser-entry.png"), clip: { x: 0, y: 0, width: 1100, height: 900 } });
    expect(problems).toEqual([]);
    expect(blocked).toEqual([]);
    await page.close();
  });
});
