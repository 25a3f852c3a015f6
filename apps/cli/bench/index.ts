// `pnpm bench`: a sweep of 8 short runs on 1 worker thread and on 2, timed end to end (pool start-up included),
// and the speed-up. Target on a 2-core machine: >= 1.8x. Pass --workers N to compare 1 with N instead.
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { expandSweep, runSweep } from "../src/runs/sweep";

const arg = process.argv.indexOf("--workers");
const workers = arg > 0 ? Number(process.argv[arg + 1]) : 2;
const jobs = expandSweep({
  base: { task: { name: "adding", preset: "default" }, hiddenSize: 32, batchSize: 32, steps: 1000, logEvery: 20, evalBatches: 2 },
  grid: { cell: ["rnn_tanh", "lstm", "gru", "rnn_relu"] },
  seeds: [0, 1],
});

async function time(n: number): Promise<number> {
  const out = mkdtempSync(join(tmpdir(), `vanish-bench-${n}-`));
  const start = performance.now();
  const cpu = process.cpuUsage();
  await runSweep(jobs, out, { workers: n });
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  rmSync(out, { recursive: true, force: true });
  // CPU time of all threads: equal on 1 and 2 workers means the pool adds no work, so a speed-up below 2x on two
  // cores comes from cores the machine did not give us (other processes), not from the sweep.
  console.log(`  ${n} worker${n > 1 ? "s" : ""}: ${seconds.toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU (all threads)`);
  return seconds;
}

console.log(`sweep of ${jobs.length} runs (adding T=25, hidden 32, batch 32, 1000 steps; ${availableParallelism()} cores)`);
const one = await time(1);
const many = await time(workers);
console.log(`  speed-up: ${(one / many).toFixed(2)}x (target >= ${workers === 2 ? "1.8" : `${(0.9 * workers).toFixed(1)}`}x)`);
