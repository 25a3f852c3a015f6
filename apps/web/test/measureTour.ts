// Measures walk-through steps 2 and 3 in headless Chromium, as a learner would run them: builds the site with Vite,
// serves it on 127.0.0.1, clicks the step and "Train this step", and prints every held-out evaluation (verb agreement
// by distance bucket) with the training step and the seconds since Start. The README's walk-through table comes from
// here. Not a test (it runs for minutes): `cd apps/web && npx tsx test/measureTour.ts [seconds per step] [step ids…]`;
// with SCREENSHOTS=<folder>, a picture of the accuracy chart and of the whole page for each step at the end.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build } from "vite";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const APP = fileURLToPath(new URL("../", import.meta.url));
const seconds = Number(process.argv[2] ?? 90);
const steps = process.argv.length > 3 ? process.argv.slice(3) : ["vanishing-rnn", "vanishing-lstm"];
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };

interface Norms {
  step: number;
  hiddenGradNorms: number[];
}

interface Evaluation {
  step: number;
  buckets: { distance: [number, number]; accuracy: number }[];
}

const out = mkdtempSync(join(tmpdir(), "vanish-measure-"));
await build({ root: APP, configFile: join(APP, "vite.config.ts"), logLevel: "error", build: { outDir: out, emptyOutDir: true } });
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
  const file = normalize(join(out, path.endsWith("/") ? `${path}index.html` : path));
  if (!file.startsWith(out + sep) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
const address = server.address();
const origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
try {
  for (const id of steps) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${origin}/`);
    await page.click(`button[data-tour='${id}']`);
    await page.waitForFunction(() => document.body.dataset.state === "ready" && !(document.querySelector("#start") as HTMLButtonElement).disabled);
    // the page's clock: when each evaluation arrived, counted from the click on "Train this step"
    await page.evaluate(() => {
      const w = window as unknown as { vanishLab: { log: { evaluations: unknown[] } }; arrivals: number[]; t0: number };
      w.arrivals = [];
      w.t0 = performance.now();
      // (no named functions in here: tsx's esbuild would wrap them in a helper the page does not have)
      setInterval(() => {
        while (w.arrivals.length < w.vanishLab.log.evaluations.length) w.arrivals.push(performance.now() - w.t0);
      }, 50);
    });
    const load = loadavg()[0];
    await page.click(".tour-detail button");
    await page.waitForTimeout(seconds * 1000);
    const { evaluations, arrivals, step, norms } = await page.evaluate(() => {
      const w = window as unknown as {
        vanishLab: { log: { evaluations: Evaluation[]; step: number; first: Norms | null; instruments: { items(): Norms[] } } };
        arrivals: number[];
      };
      const log = w.vanishLab.log;
      return { evaluations: log.evaluations, arrivals: w.arrivals, step: log.step, norms: [log.first!, ...log.instruments.items()] };
    });
    console.log(`\n${id}: ${step} steps in ${seconds} s (${(step / seconds).toFixed(1)} steps/s), load average ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
    console.log(`step\tseconds\t${evaluations[0].buckets.map((b) => (b.distance[0] === b.distance[1] ? b.distance[0] : b.distance.join("–"))).join("\t")}`);
    evaluations.forEach((e, i) => {
      console.log(`${e.step}\t${(arrivals[i] / 1000).toFixed(1)}\t${e.buckets.map((b) => `${Math.round(b.accuracy * 100)}`).join("\t")}`);
    });
    // ‖∂L/∂hₜ‖ of the verb's loss at the subject (t = 1) and at the last word before the verb, on kept instrumented steps
    const e = (v: number) => v.toExponential(1);
    console.log("step\t‖∂L/∂h‖ at t = 1\tat t = window");
    for (const n of norms.filter((_, i) => i % 6 === 0 || i === norms.length - 1)) {
      console.log(`${n.step}\t${e(n.hiddenGradNorms[0])}\t${e(n.hiddenGradNorms[n.hiddenGradNorms.length - 1])}`);
    }
    if (process.env.SCREENSHOTS) {
      // the accuracy chart as it was when training stopped (paused first, so it is redrawn at the last step)
      await page.click("#pause");
      await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>("#chart-accuracy")?.dataset.rendered) >= n, step - 50, { timeout: 30_000 });
      await page.locator("#chart-accuracy").screenshot({ path: join(process.env.SCREENSHOTS, `${id}-accuracy.png`) });
      await page.screenshot({ path: join(process.env.SCREENSHOTS, `${id}.png`), fullPage: true });
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
  rmSync(out, { recursive: true, force: true });
}
