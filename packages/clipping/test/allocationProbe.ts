// Run by allocation.test.ts in a fresh Node process (`node --expose-gc --import tsx`), so that nothing but the
// library runs while it measures: vitest's own worker allocates in the background and would blur the numbers.
// Measures the case named by argv[2] and prints one JSON object: the smallest bytes-per-call over several windows
// and the GC count.
import { tensor, type Tensor } from "@vanish/core";
import { PerformanceObserver } from "node:perf_hooks";
import {
  adaptiveGradClip,
  clipByGlobalNorm,
  clipGradBlockRms,
  clipGradNorm,
  clipGradNormPerTensor,
  clipGradsWithNorm,
  clipGradValue,
  getTotalNorm,
  zeroNans,
} from "../src/index";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("allocationProbe: run with node --expose-gc");

const WINDOWS = 8;
const CALLS = 2_500;

async function allocationDuring(fn: () => void): Promise<{ bytesPerCall: number; gcs: number }> {
  // Let V8 optimise first. TurboFan compiles on a background thread, which on a busy machine (CI runs other test
  // files at the same time) can take a while: warm up in two rounds with a pause between them.
  for (let i = 0; i < 10_000; i++) fn();
  await new Promise((resolve) => setTimeout(resolve, 30));
  for (let i = 0; i < 10_000; i++) fn();
  gc!();
  const starts: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) starts.push(e.startTime);
  });
  observer.observe({ entryTypes: ["gc"] });
  let bytesPerCall = Infinity;
  const t0 = performance.now();
  for (let w = 0; w < WINDOWS; w++) {
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < CALLS; i++) fn();
    const after = process.memoryUsage().heapUsed;
    bytesPerCall = Math.min(bytesPerCall, (after - before) / CALLS);
  }
  const t1 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 50)); // GC entries arrive asynchronously
  observer.disconnect();
  // only collections that started during the windows count (not, say, one the memory reducer starts afterwards)
  return { bytesPerCall, gcs: starts.filter((s) => s >= t0 && s <= t1).length };
}

/** The gradients of a T50/H64 vanilla RNN (input 16, 2 classes), with its parameters. */
function rnnSized(): { grads: Tensor[]; params: Tensor[] } {
  const shapes = [[64, 16], [64, 64], [64], [64], [2, 64], [2]];
  const make = (k: number) =>
    shapes.map((s) => tensor(Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i + k)), { shape: s }));
  return { grads: make(0), params: make(1) };
}

/** Puts the gradients back above every threshold, so each call really clips. */
function pump(grads: Tensor[]): void {
  for (let k = 0; k < grads.length; k++) {
    const d = grads[k].data;
    for (let i = 0; i < d.length; i++) d[i] = d[i] * 3 + 0.01;
  }
}

let sink: unknown;
// results go into a typed array: `total += x` on a module variable would itself box a float64 per call
const total = new Float64Array(1);
const { grads, params } = rnnSized();
const l1 = { normType: 1 as const };
const inf = { normType: Infinity };
const agc = { clipping: 0.01 };

const cases: Record<string, () => void> = {
  control: () => {
    sink = { a: 1, b: 2 };
  },
  pump: () => pump(grads),
  // these return a float64 (the norm or the factor), which V8 boxes when it does not inline the call
  getTotalNorm: () => {
    total[0] += getTotalNorm(grads);
  },
  clipGradNorm: () => {
    total[0] += clipGradNorm(grads, 1);
    pump(grads);
  },
  "clipGradNorm type=inf": () => {
    total[0] += clipGradNorm(grads, 1, inf);
    pump(grads);
  },
  "clipGradNorm type=1": () => {
    total[0] += clipGradNorm(grads, 1, l1);
    pump(grads);
  },
  clipGradsWithNorm: () => {
    total[0] += clipGradsWithNorm(grads, 0.5, 7);
    pump(grads);
  },
  clipByGlobalNorm: () => {
    total[0] += clipByGlobalNorm(grads, 0.5);
    pump(grads);
  },
  // these return an integer count
  clipGradValue: () => {
    total[0] += clipGradValue(grads, 0.5);
    pump(grads);
  },
  clipGradNormPerTensor: () => {
    total[0] += clipGradNormPerTensor(grads, 0.5);
    pump(grads);
  },
  clipGradBlockRms: () => {
    total[0] += clipGradBlockRms(grads, 0.01);
    pump(grads);
  },
  adaptiveGradClip: () => {
    total[0] += adaptiveGradClip(grads, params, agc);
    pump(grads);
  },
  zeroNans: () => {
    total[0] += zeroNans(grads);
    pump(grads);
  },
};

// One case per process: what V8 learned from one case (inlining, type feedback of the shared helpers) must not
// decide what another allocates. Measured in one process after the others, clipGradValue showed 96 bytes per call
// in most runs; alone, 0.
const name = process.argv[2];
const fn = cases[name];
if (!fn) throw new Error(`allocationProbe: argv[2] must be one of ${Object.keys(cases).join(", ")}, got ${JSON.stringify(name)}`);
const result = await allocationDuring(fn);
process.stdout.write(JSON.stringify(result) + (sink && total[0] ? "\n" : ""));
