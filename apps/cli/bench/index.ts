// `pnpm bench`: a sweep of 8 short runs on 1 worker thread and on 2, timed end to end (pool start-up included),
// and the speed-up. Target on a 2-core machine: >= 1.8x. Pass --workers N to compare 1 with N instead.
// Then the same sweep through the queue (`vanish sweep --queue`) on 1 and on N worker processes, and the queue's
// overhead per job (./queue.ts). `--only local` or `--only queue` runs one of the two; `--steps N` (default 1000)
// lengthens the sweep's runs; `--rounds R` (default 1) repeats the queued 1-vs-N pair R times.
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { runSweep } from "../src/runs/sweep";
import { sweepJobs, sweepLabel } from "./jobs";
import { benchQueue } from "./queue";

const flag = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const workers = Number(flag("--workers") ?? 2);
const only = flag("--only");
const steps = Number(flag("--steps") ?? 1000);
if (!Number.isInteger(steps) || steps < 1) throw new TypeError(`bench: --steps takes an integer >= 1, got ${JSON.stringify(flag("--steps"))}`);
const rounds = Number(flag("--rounds") ?? 1);
if (!Number.isInteger(rounds) || rounds < 1) throw new TypeError(`bench: --rounds takes an integer >= 1, got ${JSON.stringify(flag("--rounds"))}`);
const jobs = sweepJobs(steps);
if (only !== undefined && only !== "local" && only !== "queue") throw new TypeError(`bench: --only takes local or queue, got ${JSON.stringify(only)}`);

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

if (only !== "queue") {
  console.log(`sweep of ${jobs.length} runs (${sweepLabel(steps)}; ${availableParallelism()} cores)`);
  const one = await time(1);
  const many = await time(workers);
  console.log(`  speed-up: ${(one / many).toFixed(2)}x (target >= ${workers === 2 ? "1.8" : `${(0.9 * workers).toFixed(1)}`}x)`);
}
if (only !== "local") await benchQueue({ workers, steps, rounds });
