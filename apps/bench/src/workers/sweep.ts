import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SweepSpec, WorkerReport, WorkerRow } from "../spec";

/** The CLI's entry and the tsconfig that resolves `@vanish/*` to sources, as `pnpm vanish` runs it. */
const CLI_MAIN = fileURLToPath(new URL("../../../cli/src/main.ts", import.meta.url));
const CLI_TSCONFIG = fileURLToPath(new URL("../../../cli/tsconfig.source.json", import.meta.url));

/** The grid every round runs: each cell with 2 seeds, on the adding problem (T 25), hidden 32, batch 32. */
export const SWEEP_CELLS = ["rnn_tanh", "lstm", "gru", "rnn_relu"] as const;
export const SWEEP_SEEDS = [0, 1] as const;
export const SWEEP_RUNS = SWEEP_CELLS.length * SWEEP_SEEDS.length;

/** The `vanish sweep` arguments of one round (the flags a user would type). */
export function sweepArgs(spec: Pick<SweepSpec, "steps">, workers: number, out: string): string[] {
  return [
    "sweep",
    ...["--task", "adding", "--preset", "default", "--hidden-size", "32", "--batch-size", "32"],
    ...["--steps", String(spec.steps), "--log-every", "20", "--eval-batches", "2"],
    ...["--grid", `cell=${SWEEP_CELLS.join(",")}`, "--seeds", SWEEP_SEEDS.join(",")],
    ...["--workers", String(workers), "--out", out, "--quiet"],
  ];
}

/** Runs `vanish sweep` once in a fresh process and an empty folder; resolves with its wall-clock seconds. */
function timeSweep(spec: SweepSpec, workers: number): Promise<number> {
  // A fresh folder every time: the sweep skips finished jobs, so a reused one would time nothing.
  const out = mkdtempSync(join(tmpdir(), `vanish-bench-sweep-${workers}-`));
  const start = performance.now();
  return new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI_MAIN, ...sweepArgs(spec, workers, out)], {
      env: { ...process.env, TSX_TSCONFIG_PATH: CLI_TSCONFIG },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const seconds = (performance.now() - start) / 1000;
      rmSync(out, { recursive: true, force: true });
      if (code === 0) resolve(seconds);
      else reject(new Error(`runSweepBench: vanish ${sweepArgs(spec, workers, "<tmp>").join(" ")} exited with ${signal ?? `code ${code}`}\n${stderr}`));
    });
  });
}

/**
 * Sweep throughput on each worker count: rounds of one sweep per count, in turn; sample r of every row comes
 * from round r, so the speed-up can be read pairwise (see `pairedSpeedup`). Pool start-up, the CLI's own
 * start-up (tsx compiling the sources) and writing the runs' files are all inside the time, as for a user.
 */
export async function runSweepBench(spec: SweepSpec): Promise<WorkerReport> {
  const seconds = spec.workers.map((): number[] => []);
  for (let r = 0; r < spec.rounds; r++) {
    for (const [k, workers] of spec.workers.entries()) seconds[k].push(await timeSweep(spec, workers));
  }
  const rows: WorkerRow[] = spec.workers.map((workers, k) => ({
    case: `vanish sweep, ${workers} worker thread${workers > 1 ? "s" : ""}`,
    unit: "runs/s",
    perCall: SWEEP_RUNS,
    secondsPerCall: seconds[k],
  }));
  const note = `vanish sweep: ${SWEEP_RUNS} runs (adding T 25, hidden 32, batch 32, ${spec.steps} steps, cells ${SWEEP_CELLS.join("/")} × seeds ${SWEEP_SEEDS.join(",")}), one fresh CLI process per sweep, timed end to end.`;
  return { rows, notes: [note] };
}
