// `pnpm bench`: training throughput of the fast path in the setting of docs/speed.md#alternatives — batch 32, input 16,
// 2 classes read from the last state, SGD, full BPTT, one thread — for the vanilla tanh RNN at four sizes in
// float32 and float64 and for LSTM/GRU at T50/H64; then the cost of recording ‖dL/dh_t‖ and the heap over
// 1,000 steps. Each case runs in its own Node process, so one dtype's code never slows another's (V8 would
// otherwise see both Float32Array and Float64Array at every kernel). Prints Markdown.
// BENCH_SECONDS (default 2) sets the time per case. For a before/after comparison on one machine state, run
// bench/compare.ts against a checkout of the old code (interleaved in one process).
import { Random, SGD, getBackend, randn, type DType } from "@vanish/core";
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createModel, lossAndGrad, type CellType, type LossAndGradOptions } from "../src/index";

const B = 32;
const I = 16;
const seconds = Number(process.env.BENCH_SECONDS ?? 2);

interface Case {
  kind: "throughput" | "record" | "heap";
  cell: CellType;
  T: number;
  H: number;
  dtype: DType;
}

function setup(c: Case) {
  const rng = new Random(0);
  const model = createModel({ cell: c.cell, inputSize: I, hiddenSize: c.H, outputSize: 2, dtype: c.dtype }, rng);
  const sgd = new SGD(model.parameters(), { lr: 0.01 });
  const batch = { x: randn([c.T, B, I], rng, { dtype: c.dtype }), targets: Int32Array.from({ length: B }, () => rng.int(2)) };
  return (options: LossAndGradOptions = {}) => {
    sgd.zeroGrad();
    lossAndGrad(model, batch, options);
    sgd.step();
  };
}

/**
 * Milliseconds per step of each variant: a warm-up, then 9 interleaved rounds. Returns the fastest round (the
 * least disturbed by other processes on a shared machine) and the median round.
 */
function timeSteps(variants: (() => void)[]): { best: number; median: number }[] {
  const warm = performance.now();
  let n = 0;
  while (performance.now() - warm < 500 || n < 3) {
    for (const v of variants) v();
    n++;
  }
  const perStep = (performance.now() - warm) / n / variants.length;
  const reps = Math.max(2, Math.round((seconds * 1000) / 9 / perStep / variants.length));
  const rounds = variants.map(() => [] as number[]);
  for (let r = 0; r < 9; r++) {
    variants.forEach((v, i) => {
      const t0 = performance.now();
      for (let k = 0; k < reps; k++) v();
      rounds[i].push((performance.now() - t0) / reps);
    });
  }
  return rounds.map((r) => {
    r.sort((a, b) => a - b);
    return { best: r[0], median: r[4] };
  });
}

function runCase(c: Case): unknown {
  if (c.kind === "throughput") {
    const [t] = timeSteps([setup(c)]);
    return { best: (B * 1000) / t.best, median: (B * 1000) / t.median };
  }
  if (c.kind === "record") {
    // Paired rounds (plain, then recording, alternating the order): the median of the per-pair time ratios is
    // robust to other processes' load drifting over the run.
    const plain = setup(c);
    const recorded = setup(c);
    const variants = [() => plain(), () => recorded({ record: { hiddenGradNorms: true } })];
    const [t] = timeSteps([variants[0]]);
    const reps = Math.max(2, Math.round(50 / t.best));
    const ratios: number[] = [];
    const bests = [Infinity, Infinity];
    for (let pair = 0; pair < Math.round((seconds * 1000) / 100); pair++) {
      const times = [0, 0];
      for (const i of pair % 2 === 0 ? [0, 1] : [1, 0]) {
        const t0 = performance.now();
        for (let k = 0; k < reps; k++) variants[i]();
        times[i] = (performance.now() - t0) / reps;
        bests[i] = Math.min(bests[i], times[i]);
      }
      ratios.push(times[1] / times[0]);
    }
    ratios.sort((a, b) => a - b);
    return { medianRatio: ratios[ratios.length >> 1], bestRatio: bests[1] / bests[0], pairs: ratios.length };
  }
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const step = setup(c);
  const samples: [number, number][] = [];
  for (let i = 1; i <= 1000; i++) {
    step();
    if (i === 10 || i % 100 === 0) {
      gc();
      samples.push([i, process.memoryUsage().heapUsed / 2 ** 20]);
    }
  }
  return { samples };
}

if (process.env.BENCH_CASE) {
  process.stdout.write(JSON.stringify(runCase(JSON.parse(process.env.BENCH_CASE))));
} else {
  const self = fileURLToPath(import.meta.url);
  const run = (c: Case): any =>
    JSON.parse(execFileSync(process.execPath, [...process.execArgv, self], { env: { ...process.env, BENCH_CASE: JSON.stringify(c) }, encoding: "utf8" }));
  const fmtRate = (v: number) => Math.round(v).toLocaleString("en-US");
  console.log(`Node ${process.version}, gemm backend "${getBackend()}", batch ${B}, input ${I}, 2 classes from h_T, SGD, full BPTT, one thread, ${seconds} s per case, load average ${loadavg().map((v) => v.toFixed(1)).join(" ")}\n`);
  console.log("sequences/s, best of 9 rounds (median in parentheses)\n");
  console.log("| model | float32 | float64 |\n|---|---|---|");
  const sizes: [CellType, number, number][] = [
    ["rnn_tanh", 50, 64],
    ["rnn_tanh", 200, 64],
    ["rnn_tanh", 50, 128],
    ["rnn_tanh", 200, 128],
    ["lstm", 50, 64],
    ["gru", 50, 64],
  ];
  const rates = new Map<string, number>();
  for (const [cell, T, H] of sizes) {
    const r = (["float32", "float64"] as const).map((dtype) => run({ kind: "throughput", cell, T, H, dtype }) as { best: number; median: number });
    rates.set(`${cell} ${T} ${H}`, r[0].best);
    console.log(`| ${cell} T${T} H${H} | ${fmtRate(r[0].best)} (${fmtRate(r[0].median)}) | ${fmtRate(r[1].best)} (${fmtRate(r[1].median)}) |`);
  }
  for (const H of [64, 128]) {
    const ratio = rates.get(`rnn_tanh 50 ${H}`)! / rates.get(`rnn_tanh 200 ${H}`)!;
    console.log(`${H === 64 ? "\n" : ""}Cost in T (rnn_tanh H${H} float32, best rounds): T200 takes ${ratio.toFixed(2)}× the time of T50 (linear: 4×)`);
  }
  const rec = run({ kind: "record", cell: "rnn_tanh", T: 50, H: 64, dtype: "float32" });
  const pct = (r: number) => `${((r - 1) * 100).toFixed(1)}%`;
  console.log(
    `Recording ‖dL/dh_t‖ (rnn_tanh T50 H64 float32): step time ${pct(rec.medianRatio)} (median over ${rec.pairs} paired rounds), ${pct(rec.bestRatio)} (best round against best round)`,
  );
  const heap = run({ kind: "heap", cell: "rnn_tanh", T: 50, H: 64, dtype: "float32" });
  console.log(`Heap after GC over 1,000 steps (rnn_tanh T50 H64 float32), MB: ${heap.samples.map(([i, mb]: [number, number]) => `${i}: ${mb.toFixed(2)}`).join(", ")}`);
}
