// `tsx bench/compare.ts <other checkout> [cell …]`: this checkout's fast path against another checkout's (the code
// before a change), interleaved round by round in ONE process so that both see the same machine load. The other
// checkout needs its dependencies installed and @vanish/core built, e.g.
//   git worktree add /tmp/before main && cd /tmp/before && pnpm install --offline && pnpm --filter @vanish/core build
// (this checkout's @vanish/core must be built too). Each side runs with its own copy of core (its own wasm arena
// and kernels). Setting as in bench/index.ts: batch 32, input 16, T50, H64, 2 classes from h_T, SGD, full BPTT,
// BENCH_DTYPE (default float32). Prints sequences/s by wall clock (best and median of the rounds) and per second of
// CPU time the process got. BENCH_ROUNDS (default 15) rounds of about BENCH_ROUND_MS (default 250) ms per side.
import * as core from "@vanish/core";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import * as rnn from "../src/index";

const [other, ...cells] = process.argv.slice(2);
if (!other) throw new TypeError("bench/compare.ts: give the path of the other checkout as the first argument, got nothing");
const otherCore = join(resolve(other), "packages/core/dist/index.js");
const otherRnn = join(resolve(other), "packages/rnn/src/index.ts");
for (const file of [otherCore, otherRnn]) {
  if (!existsSync(file)) throw new RangeError(`bench/compare.ts: ${file} does not exist; install and build @vanish/core in ${other} first`);
}

type Core = typeof core;
type Rnn = typeof rnn;
const B = 32;
const [T, H, I] = [50, 64, 16];
const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const roundMs = Number(process.env.BENCH_ROUND_MS ?? 250);
const dtype = (process.env.BENCH_DTYPE ?? "float32") as core.DType;
if (dtype !== "float32" && dtype !== "float64") throw new TypeError(`bench/compare.ts: BENCH_DTYPE must be "float32" or "float64", got ${JSON.stringify(dtype)}`);

function setup(c: Core, r: Rnn, cell: rnn.CellType): () => void {
  const rng = new c.Random(0);
  const model = r.createModel({ cell, inputSize: I, hiddenSize: H, outputSize: 2, dtype }, rng);
  const sgd = new c.SGD(model.parameters(), { lr: 0.01 });
  const batch = { x: c.randn([T, B, I], rng, { dtype }), targets: Int32Array.from({ length: B }, () => rng.int(2)) };
  return () => {
    sgd.zeroGrad();
    r.lossAndGrad(model, batch);
    sgd.step();
  };
}

const before = { core: (await import(pathToFileURL(otherCore).href)) as Core, rnn: (await import(pathToFileURL(otherRnn).href)) as Rnn };
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
const fmt = (v: number) => Math.round(v).toLocaleString("en-US");

console.log(
  `Node ${process.version}, backends "${before.core.getBackend()}" (before) / "${core.getBackend()}" (now), T${T} H${H} batch ${B} ${dtype}, ${rounds} interleaved rounds, load average ${loadavg().map((v) => v.toFixed(2)).join(" ")}`,
);
for (const cell of (cells.length ? cells : ["lstm", "gru", "rnn_tanh"]) as rnn.CellType[]) {
  const variants = [setup(before.core, before.rnn, cell), setup(core, rnn, cell)];
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
  console.log(`${cell.padEnd(8)} before: ${line(0)}`);
  console.log(`${cell.padEnd(8)} now:    ${line(1)}  (median ×${(median(wall[1]) / median(wall[0])).toFixed(2)})`);
}
console.log(`load average at the end ${loadavg().map((v) => v.toFixed(2)).join(" ")}`);
