// `tsx bench/previousPath.ts [cell …]`: the fused path's float32 wasm kernels against the path before them
// (core's fused LSTM/GRU step kernels and column sums, the packed backward product, per-step input products:
// all off via the private switches), interleaved round by round in ONE process so that both see the same
// machine load. Setting as in bench/index.ts: batch 32, input 16, T50, H64, 2 classes from h_T, SGD, full BPTT.
// Prints sequences/s by wall clock (best and median of the rounds) and per second of CPU time the process got.
// BENCH_ROUNDS (default 15) rounds of about BENCH_ROUND_MS (default 250) ms per variant.
import { Random, SGD, getBackend, randn } from "@vanish/core";
import { loadavg } from "node:os";
import { fastPathSwitches } from "../src/fast/fastPathSwitches";
import { createModel, lossAndGrad, type CellType } from "../src/index";

const B = 32;
const [T, H, I] = [50, 64, 16];
const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const roundMs = Number(process.env.BENCH_ROUND_MS ?? 250);

function setSwitches(on: boolean): void {
  fastPathSwitches.packedBackward = on;
  fastPathSwitches.gateKernels = on;
  fastPathSwitches.stepInputProjection = on;
}

function setup(cell: CellType, on: boolean): () => void {
  const rng = new Random(0);
  const model = createModel({ cell, inputSize: I, hiddenSize: H, outputSize: 2, dtype: "float32" }, rng);
  const sgd = new SGD(model.parameters(), { lr: 0.01 });
  const batch = { x: randn([T, B, I], rng), targets: Int32Array.from({ length: B }, () => rng.int(2)) };
  return () => {
    setSwitches(on);
    sgd.zeroGrad();
    lossAndGrad(model, batch);
    sgd.step();
  };
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
const fmt = (v: number) => Math.round(v).toLocaleString("en-US");

console.log(`Node ${process.version}, backend "${getBackend()}", T${T} H${H} batch ${B} float32, ${rounds} interleaved rounds, load average ${loadavg().map((v) => v.toFixed(2)).join(" ")}`);
for (const cell of (process.argv.slice(2).length ? process.argv.slice(2) : ["lstm", "gru", "rnn_tanh"]) as CellType[]) {
  const variants = [setup(cell, false), setup(cell, true)];
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 1000 || n < 5) {
    for (const v of variants) v();
    n++;
  }
  const reps = Math.max(2, Math.round(roundMs / ((performance.now() - t0) / n / 2)));
  const wall = variants.map(() => [] as number[]);
  const cpu = variants.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      for (let k = 0; k < reps; k++) variants[i]();
      const w = performance.now() - w0;
      const c = process.cpuUsage(c0);
      wall[i].push((B * 1000 * reps) / w);
      cpu[i].push((B * 1e6 * reps) / (c.user + c.system));
    }
  }
  const line = (i: number) => `best ${fmt(Math.max(...wall[i]))}, median ${fmt(median(wall[i]))} seq/s; per CPU-s median ${fmt(median(cpu[i]))}`;
  console.log(`${cell.padEnd(8)} previous: ${line(0)}`);
  console.log(`${cell.padEnd(8)} now:      ${line(1)}  (median ×${(median(wall[1]) / median(wall[0])).toFixed(2)})`);
}
setSwitches(true);
console.log(`load average at the end ${loadavg().map((v) => v.toFixed(2)).join(" ")}`);
