// `pnpm bench`: a sweep of 8 short runs on 1 worker thread and on 2, timed end to end (pool start-up included),
// and the speed-up. Target on a 2-core machine: >= 1.8x. Pass --workers N to compare 1 with N instead.
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { expandSweep, runSweep } from "../src/runs/sweep";

const arg = process.argv.indexOf("--workers");
const workers = arg > 0 ? Number(process.argv[arg + 1]) : 2;
const jobs = expandSweep({
  base: { task: { name: "adding", preset: "default" }, hiddenSize: 32, batchSize: 32, steps: 120, logEvery: 20, evalBatches: 2 },
  grid: { cell: ["rnn_tanh", "lstm", "gru", "rnn_relu"] },
  seeds: [0, 1],
});

async function time(n: number): Promise<number> {
  const out = mkdtempSync(join(tmpdir(), `vanish-bench-${n}-`));
  const start = performance.now();
  await runSweep(jobs, out, { workers: n });
  const seconds = (performance.now() - start) / 1000;
  rmSync(out, { recursive: true, force: true });
  return seconds;
}

console.log(`sweep of ${jobs.length} runs (adding T=25, hidden 32, batch 32, 120 steps; ${availableParallelism()} cores)`);
const one = await time(1);
console.log(`  1 worker:  ${one.toFixed(2)} s`);
const many = await time(workers);
console.log(`  ${workers} workers: ${many.toFixed(2)} s`);
console.log(`  speed-up: ${(one / many).toFixed(2)}x (target >= ${workers === 2 ? "1.8" : `${(0.9 * workers).toFixed(1)}`}x)`);
