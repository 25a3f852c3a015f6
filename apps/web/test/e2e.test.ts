// End to end: builds the site into a temporary folder with Vite, serves it from this test on 127.0.0.1, and drives
// Debian's Chromium with playwright-core. Requests to any other origin are refused, so the site must work offline.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, type LabConfig } from "../src/config/labConfig";
import { configToQuery } from "../src/config/urlConfig";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// docs/toolchain.md#browsers: the flags that work headless as root.
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const APP = fileURLToPath(new URL("../", import.meta.url));
/** Where the mid-training screenshot goes (git-ignored); with UPDATE_DOCS=1 it replaces the README's picture. */
const SCREENSHOT = process.env.UPDATE_DOCS ? join(APP, "docs", "lab-training.png") : join(APP, "test", "screenshots", "lab-training.png");
/**
 * Longest main-thread task allowed while training and redrawing charts (ms). Measured (README): 0–193 ms with the
 * charts drawn in a worker, at load 11–13; 652–1,874 ms when vega re-embedded the charts on the page. 400 ms keeps
 * headroom for CI, where other test files run at the same time, and still fails the page-side design.
 */
const MAX_LONG_TASK_MS = 400;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
};

let out = "";
let server: Server;
let origin = "";
let browser: Browser;
const offsite: string[] = [];

/** A static file server for `root` on 127.0.0.1 (a free port), serving index.html for "/". */
function serve(root: string): Promise<Server> {
  const s = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve(s)));
}

function query(settings: Partial<LabConfig>): string {
  return `${origin}/?${configToQuery({ ...DEFAULT_CONFIG, ...settings })}`;
}

/** Opens a page that records long tasks (PerformanceObserver) and the longest gap between animation frames. */
async function open(url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { probe: { longTasks: number[]; maxGap: number; measuring: boolean } };
    w.probe = { longTasks: [], maxGap: 0, measuring: false };
    new PerformanceObserver((list) => {
      if (w.probe.measuring) for (const e of list.getEntries()) w.probe.longTasks.push(e.duration);
    }).observe({ type: "longtask", buffered: false });
    let last = performance.now();
    const frame = (t: number) => {
      if (w.probe.measuring) w.probe.maxGap = Math.max(w.probe.maxGap, t - last);
      last = t;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.goto(url);
  return { page, problems };
}

async function waitForStep(page: Page, step: number, timeout: number): Promise<void> {
  await page.waitForFunction((n) => Number(document.body.dataset.step) >= n, step, { timeout, polling: 100 });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with "apt-get update && apt-get install -y chromium" (CI does), or set CHROMIUM_PATH.`);
  }
  out = mkdtempSync(join(tmpdir(), "vanish-web-"));
  await build({ root: APP, configFile: join(APP, "vite.config.ts"), logLevel: "error", build: { outDir: out, emptyOutDir: true } });
  server = await serve(out);
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  browser.on("disconnected", () => undefined);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (out) rmSync(out, { recursive: true, force: true });
});

describe("the lab in headless Chromium", () => {
  it("trains in the worker: the loss falls, the charts draw, the page stays responsive", async () => {
    const { page, problems } = await open(query({ task: "agreement", preset: "easy", distance: 8, cell: "rnn_tanh", learningRate: 0.01 }));
    await page.context().route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith("blob:") || url.startsWith("data:")) return route.continue();
      offsite.push(url);
      return route.abort();
    });
    await page.waitForFunction(() => document.body.dataset.state === "ready");
    await page.evaluate(() => ((window as unknown as { probe: { measuring: boolean } }).probe.measuring = true));
    // keyboard: focus Start and press Enter
    await page.focus("#start");
    await page.keyboard.press("Enter");
    await waitForStep(page, 60, 30_000);
    await page.waitForFunction(() => document.querySelectorAll(".chart .plot .marks").length === 4, undefined, { timeout: 20_000 });
    await waitForStep(page, 450, 30_000);
    // let each chart catch up with the run before the picture is taken
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>(".chart:not([hidden])")].every((f) => Number(f.dataset.rendered) >= 400), undefined, { timeout: 15_000 });
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    await page.click("#pause");
    await page.waitForFunction(() => document.body.dataset.state === "paused");
    const probe = await page.evaluate(() => (window as unknown as { probe: { longTasks: number[]; maxGap: number } }).probe);
    const losses = await page.evaluate(() => (window as unknown as { vanishLab: { log: { records: { loss: number }[] } } }).vanishLab.log.records.map((r) => r.loss));
    const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    const first = mean(losses.slice(0, 20));
    const last = mean(losses.slice(-20));
    const longest = Math.max(0, ...probe.longTasks);
    const charts = await page.evaluate(() => (window as unknown as { vanishLab: { charts: { stats: { redraws: number; slowestInsertMs: number; slowestWorkerMs: number } } } }).vanishLab.charts.stats);
    console.log(`e2e: ${losses.length} steps, loss ${first.toFixed(3)} → ${last.toFixed(3)}; long tasks ${probe.longTasks.length}, longest ${longest.toFixed(0)} ms; longest frame gap ${probe.maxGap.toFixed(0)} ms; ${charts.redraws} chart redraws, slowest in the worker ${charts.slowestWorkerMs.toFixed(0)} ms, slowest on the page ${charts.slowestInsertMs.toFixed(1)} ms`);
    expect(last).toBeLessThan(first * 0.8);
    expect(longest).toBeLessThan(MAX_LONG_TASK_MS);
    // every chart drew, with a caption; the accuracy-by-distance chart belongs to the language-model framing only
    expect(await page.locator("#chart-accuracy").isHidden()).toBe(true);
    for (const id of ["curves", "norms", "heatmap", "spectrum"]) {
      expect(await page.locator(`#chart-${id} .plot .marks`).count()).toBe(1);
      expect((await page.locator(`#chart-${id} figcaption`).textContent())?.length).toBeGreaterThan(20);
    }
    // the examples show the subject, the verb and the model's choice
    expect(await page.locator("#samples mark.subject").count()).toBe(4);
    expect(await page.locator("#samples mark.verb").count()).toBe(4);
    expect(await page.locator("#samples .verdict").count()).toBe(4);
    // the run's metrics download as JSON, every step included
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
    const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
    expect(exported).toMatchObject({ format: "vanish-lab-run", version: 1, backend: "wasm", config: { cell: "rnn_tanh", distance: 8 } });
    expect(exported.records).toHaveLength(losses.length);
    expect(exported.url).toContain("cell=rnn_tanh");
    // paused, a chart can be explored with vega-embed (@vanish/viz/browser): an interactive SVG with tooltips — also
    // offline, since the page fetched that chunk when it was idle
    await page.context().setOffline(true);
    await page.click("#chart-norms button.explore");
    await page.waitForSelector("#chart-norms .plot svg.marks", { timeout: 15_000 });
    await page.context().setOffline(false);
    expect(offsite).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it("walk-through step 2 trains the language model and draws verb agreement by distance", async () => {
    const { page, problems } = await open(`${origin}/`);
    await page.click("button[data-tour='vanishing-rnn']");
    await page.waitForFunction(() => document.body.dataset.state === "ready" && !(document.querySelector("#start") as HTMLButtonElement).disabled);
    expect(await page.locator("#framing").inputValue()).toBe("lm");
    expect(await page.locator("#distance-label").textContent()).toBe("Longest distance subject → verb");
    expect(await page.locator("#chart-accuracy").isVisible()).toBe(true);
    await page.click(".tour-detail button"); // "Train this step"
    // an evaluation after training (every 50 steps), drawn: the chart of step 0 is replaced by one of step ≥ 50
    await page.waitForFunction(
      () => {
        const w = window as unknown as { vanishLab: { log: { evaluations: { step: number }[] } } };
        const rendered = Number(document.querySelector<HTMLElement>("#chart-accuracy")?.dataset.rendered ?? -1);
        return w.vanishLab.log.evaluations.length >= 2 && rendered >= 50;
      },
      undefined,
      { timeout: 45_000, polling: 200 },
    );
    const evaluations = await page.evaluate(() => (window as unknown as { vanishLab: { log: { evaluations: { step: number; buckets: { distance: number[]; accuracy: number; count: number }[] }[] } } }).vanishLab.log.evaluations);
    expect(evaluations[0].step).toBe(0);
    expect(evaluations[1].step).toBe(50);
    expect(evaluations[1].buckets.map((b) => b.distance)).toEqual([[1, 1], [2, 2], [3, 4], [5, 8], [9, 16], [17, 32], [33, 40]]);
    expect(evaluations[1].buckets.every((b) => b.count === 128 && b.accuracy >= 0 && b.accuracy <= 1)).toBe(true);
    expect(await page.locator("#chart-accuracy .plot .marks").count()).toBe(1);
    expect(await page.locator("#chart-accuracy figcaption").textContent()).toContain("distance");
    // the examples name both verb forms the language model chose between
    await expect.poll(() => page.locator("#samples .verdict").count()).toBe(4);
    expect(await page.locator("#samples .verdict").first().textContent()).toMatch(/model: “\w+” over “\w+”/);
    await page.click("#pause");
    expect(problems).toEqual([]);
    await page.close();
  }, 70_000);

  it("on the exploding preset with clipping turned off, catches the NaN and explains it", async () => {
    const { page, problems } = await open(`${origin}/`);
    await page.click("button[data-tour='clipping']");
    await page.waitForFunction(() => document.body.dataset.state === "ready");
    await page.selectOption("#clip", "none");
    await page.waitForFunction(() => document.body.dataset.state === "ready" && (document.querySelector("#clip") as HTMLSelectElement).value === "none");
    await page.waitForFunction(() => !(document.querySelector("#start") as HTMLButtonElement).disabled);
    await page.click("#start");
    await page.waitForFunction(() => document.body.dataset.state === "halted", undefined, { timeout: 20_000 });
    const alert = page.locator("#alert");
    await expect.poll(() => alert.isVisible()).toBe(true);
    const text = (await alert.textContent()) ?? "";
    expect(text).toMatch(/Non-finite values at step \d+/);
    expect(text).toContain("turn on global-norm clipping");
    expect(await page.locator("#start").isDisabled()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 40_000);

  it("reads your own sentence with the shipped RNN and LSTM: both predictions, a shaded strip, subject and verb marked", async () => {
    const { page, problems } = await open(`${origin}/`);
    await page.waitForSelector("#sentence-results .sentence-model", { timeout: 20_000 });
    const long = "The cats that already ate the fish in the garden near the old house behind the river with the apples beside the big table under the box were full.";
    await page.fill("#sentence-input", long);
    await expect.poll(() => page.locator("#sentence-results .sentence-model .word.shaded").count()).toBe(2 * 27);
    const predictions = await page.locator(".sentence-prediction").allTextContents();
    expect(predictions[0]).toMatch(/^RNN (prefers|does not prefer) “were”: 0\.\d\d against “was” 0\.\d\d$/);
    expect(predictions[1]).toMatch(/^LSTM prefers “were”: (0\.99|1\.00) against “was” 0\.0\d$/);
    for (const model of ["RNN", "LSTM"]) {
      const row = page.locator(`.sentence-model[data-model="${model}"]`);
      expect(await row.locator(".word.subject").textContent()).toBe("cats");
      expect(await row.locator(".word.verb").textContent()).toBe("were");
    }
    // The shading is the gradient: the RNN's at "cats" is a vanishing fraction of its last word's, the LSTM's is not.
    const ratio = (model: string) => page.evaluate((m) => {
      const words = [...document.querySelectorAll<HTMLElement>(`.sentence-model[data-model="${m}"] .word.shaded`)];
      return Number(words[1]!.dataset.saliency) / Number(words.at(-1)!.dataset.saliency);
    }, model);
    expect(await ratio("RNN")).toBeLessThan(1e-8);
    expect(await ratio("LSTM")).toBeGreaterThan(0.1);
    const picture = process.env.UPDATE_DOCS ? join(APP, "docs", "sentence-view.png") : join(APP, "test", "screenshots", "sentence-view.png");
    mkdirSync(dirname(picture), { recursive: true });
    await page.locator("#sentence-view").screenshot({ path: picture });
    // the model being trained reads the same sentence (number prediction, its own scale), and again after a step
    await page.waitForFunction(() => document.body.dataset.state === "ready");
    const live = page.locator("#sentence-live .sentence-model");
    await expect.poll(() => live.locator(".word.shaded").count()).toBe(27);
    expect(await live.locator(".sentence-prediction").textContent()).toMatch(/^Live LSTM, step 0 (prefers|does not prefer) “were”: \d\.\d\d against “was” \d\.\d\d$/);
    await page.click("#step");
    await expect.poll(() => live.locator(".sentence-prediction").textContent()).toMatch(/^Live LSTM, step 1 /);
    // an example sentence, then a word the models do not know
    await page.click("#sentence-examples button >> nth=0");
    expect(await page.inputValue("#sentence-input")).toBe("The cat near the dogs was hungry.");
    await expect.poll(() => page.locator("#sentence-results .sentence-model .word.shaded").count()).toBe(2 * 5);
    await page.fill("#sentence-input", "the cats in the kitchen were full");
    await expect.poll(() => page.locator("#sentence-problem").textContent()).toContain("“kitchen”");
    expect(problems).toEqual([]);
    await page.close();
  }, 40_000);

  it("refuses bad settings in the form and in the worker, visibly", async () => {
    const { page } = await open(`${origin}/`);
    await page.waitForFunction(() => document.body.dataset.state === "ready");
    // keyboard: the skip link comes first, then the settings in reading order, each with a visible focus ring
    const focused = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { id: el.id, text: el.textContent?.trim(), outline: getComputedStyle(el).outlineStyle };
    });
    await page.keyboard.press("Tab");
    expect(await focused()).toEqual({ id: "", text: "Skip to the charts", outline: "solid" });
    await page.keyboard.press("Tab");
    expect(await focused()).toMatchObject({ id: "task", outline: "solid" });
    await page.keyboard.press("Tab");
    expect((await focused()).id).toBe("preset");
    await page.fill("#hiddenSize", "0");
    await page.locator("#hiddenSize").blur();
    await expect.poll(() => page.locator("#hiddenSize-error").textContent()).toBe("hidden size must be an integer from 1 to 256, got 0");
    expect(await page.locator("#hiddenSize").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#start").isDisabled()).toBe(true);
    // the worker checks for itself: a config sent past the form is refused with its reasons on the page
    await page.evaluate((config) => (window as unknown as { vanishLab: { send(m: unknown): void } }).vanishLab.send({ type: "config", config }), {
      ...DEFAULT_CONFIG,
      clip: "norm",
      threshold: -1,
    });
    await expect.poll(() => page.locator("#alert").textContent()).toContain("the clipping threshold must be a number > 0 and ≤ 1000000, got -1");
    await page.close();
  }, 30_000);
});
