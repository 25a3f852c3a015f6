// `pnpm bench`: training throughput of the fast path, in the setting of REFERENCE §7 — batch 32, input 16,
// 2 classes read from the last state, SGD, full BPTT, one thread — plus heap growth over 1,000 steps and
// the cost of recording ‖dL/dh_t‖. Prints a Markdown table.
import { Random, SGD, randn, type DType } from "@vanish/core";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createModel, lossAndGrad, type CellType, type RecordOptions, type SequenceBatch } from "../src/index";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const B = 32;
const I = 16;
const seconds = Number(process.env.BENCH_SECONDS ?? 2);

function setup(cell: CellType, T: number, H: number, dtype: DType) {
  const rng = new Random(0);
  const model = createModel({ cell, inputSize: I, hiddenSize: H, outputSize: 2, dtype }, rng);
  const sgd = new SGD(model.parameters(), { lr: 0.01 });
  const batch: SequenceBatch = { x: randn([T, B, I], rng, { dtype }), targets: Int32Array.from({ length: B }, () => rng.int(2)) };
  return { model, sgd, batch };
}

/** Sequences per second: the median of 5 timed rounds after a warm-up. */
function throughput(cell: CellType, T: number, H: number, dtype: DType, record?: RecordOptions): number {
  const { model, sgd, batch } = setup(cell, T, H, dtype);
  const step = () => {
    sgd.zeroGrad();
    lossAndGrad(model, batch, record ? { record } : {});
    sgd.step();
  };
  const warm = performance.now();
  let n = 0;
  while (performance.now() - warm < 300 || n < 3) {
    step();
    n++;
  }
  const perStep = (performance.now() - warm) / n;
  const reps = Math.max(2, Math.round((seconds * 1000) / 5 / perStep));
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) step();
    rounds.push((performance.now() - t0) / reps);
  }
  rounds.sort((a, b) => a - b);
  return (B * 1000) / rounds[2];
}

function heap(steps: number): { start: number; end: number; samples: number[] } {
  const { model, sgd, batch } = setup("rnn_tanh", 50, 64, "float32");
  const samples: number[] = [];
  for (let i = 1; i <= steps; i++) {
    sgd.zeroGrad();
    lossAndGrad(model, batch);
    sgd.step();
    if (i === 10 || i % 250 === 0) {
      gc();
      samples.push(process.memoryUsage().heapUsed / 2 ** 20);
    }
  }
  return { start: samples[0], end: samples[samples.length - 1], samples };
}

const only = process.env.BENCH_ONLY;
const rows: [string, string, number][] = [];
const run = (label: string, dtype: DType, f: () => number) => {
  if (only && !label.includes(only)) return;
  const v = f();
  rows.push([label, dtype, v]);
  console.log(`| ${label} | ${dtype} | ${Math.round(v).toLocaleString("en-US")} |`);
};

console.log(`node ${process.version}, batch ${B}, input ${I}, 2 classes from h_T, SGD, full BPTT, one thread\n`);
console.log("| model | dtype | sequences/s |\n|---|---|---|");
for (const dtype of ["float32", "float64"] as const) {
  for (const [T, H] of [[50, 64], [200, 64], [50, 128], [200, 128]]) run(`rnn_tanh T${T} H${H}`, dtype, () => throughput("rnn_tanh", T, H, dtype));
}
for (const cell of ["lstm", "gru"] as const) {
  for (const dtype of ["float32", "float64"] as const) run(`${cell} T50 H64`, dtype, () => throughput(cell, 50, 64, dtype));
}
if (!only || only === "record") {
  const plain = throughput("rnn_tanh", 50, 64, "float32");
  const norms = throughput("rnn_tanh", 50, 64, "float32", { hiddenGradNorms: true });
  console.log(`\nrecording ‖dL/dh_t‖ (rnn_tanh T50 H64 float32): ${Math.round(plain)} → ${Math.round(norms)} seq/s (${((1 - norms / plain) * 100).toFixed(1)}% slower)`);
}
if (!only || only === "heap") {
  const h = heap(1000);
  console.log(`heap after GC over 1,000 steps (rnn_tanh T50 H64 float32): ${h.samples.map((v) => v.toFixed(2)).join(" → ")} MB`);
}
