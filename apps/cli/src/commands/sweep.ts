import { availableParallelism } from "node:os";
import { join } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { mkdirSync } from "node:fs";
import { CliError, EXIT_USAGE, readJSON, type CliIO } from "../io";
import { writeFileAtomic as atomicWrite } from "@vanish/rnn/node";
import { checkRunSize } from "../engine/runSize";
import { lockDirectory } from "../runs/dirLock";
import { describePoint, expandSweep, runSweep, SweepJobsError, type JobResult, type SweepJob, type SweepSpec } from "../runs/sweep";
import { listenForStop } from "../signals";
import { colours, isInteractive, progressBar } from "../terminal";
import { printRows, sweepRow } from "./sweepRows";
import { ConfigError } from "../engine/configError";
import { parseQueueUrl } from "../queue/connection";
import { queuedSweep } from "./sweepQueue";
import { addRunFlags, configErrorMessage, flagsToPartial, keyValue, type RunFlagValues } from "./runFlags";

export interface SweepOptions extends RunFlagValues {
  sweep?: string;
  grid?: string[];
  seeds?: number[];
  workers: number;
  out: string;
  checkpointEvery: number;
  json?: boolean;
  quiet?: boolean;
  queue?: string;
  detach?: boolean;
  collect?: boolean;
  attempts?: number;
}

const EXAMPLES = `
Examples:
  $ vanish sweep --task adding --preset easy --steps 200 --grid cell=rnn_tanh,lstm,gru --seeds 0-2
  $ vanish sweep --sweep sweep.json --workers 2 --out runs/clip
  $ vanish sweep --cell rnn_relu --init scaledNormal:3 --optimizer sgd --lr 1 --grid clip=none,norm:1,value:0.5,agc:0.01,zclip

A sweep file is JSON: {"base": {run config}, "grid": {"optimizer.lr": [0.1, 0.01], "task.knobs.length": [10, 25]}, "seeds": [0, 1, 2]}.
Grid keys are dotted config paths; --grid KEY=V1,V2 (or KEY=[json values]) adds one, --seeds replaces the file's seeds.
Each job runs in OUT/<config hash>/: finished jobs are skipped, interrupted ones resume from their checkpoint.
A run that diverges under --non-finite error is a result (status "failed"), not a sweep failure; a completed run
whose final loss ends 100× above its first is marked "diverged".
One sweep at a time may use an --out folder (exit 2 names the PID holding it); a job that cannot run (its folder
damaged or unwritable) is named at the end, after the other jobs have finished (exit 2).
SIGINT, SIGTERM and SIGHUP stop the sweep (exit 130, 143, 129); rerun the same command to resume.

With --queue redis://HOST:PORT the jobs go to a BullMQ queue in that Redis and \`vanish worker --queue …\` processes
them, on this machine or any other: the command waits, shows progress and writes the same OUT folder (exit 1 names
jobs that failed). --detach enqueues and returns; --collect later gathers what has finished. Rerunning the command
enqueues only what is not finished or queued yet. See \`vanish worker --help\`.`;

function seedList(value: string): number[] {
  const range = /^(\d+)-(\d+)$/.exec(value.trim());
  if (range) {
    const [lo, hi] = [Number(range[1]), Number(range[2])];
    if (lo > hi) throw new InvalidArgumentError(`--seeds range ${value} is empty (use LO-HI with LO <= HI).`);
    return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  }
  const seeds = value.split(",").map((s) => Number(s.trim()));
  if (seeds.some((s) => !Number.isInteger(s) || s < 0)) throw new InvalidArgumentError(`--seeds takes integers like 0,1,2 or a range 0-4, got "${value}".`);
  return seeds;
}

/** A commander parser for a Redis URL flag (exit 2 with the expected form). */
export function queueUrl(flag: string): (v: string) => string {
  return (v) => {
    try {
      return parseQueueUrl(v, flag);
    } catch (e) {
      throw new InvalidArgumentError(`${(e as Error).message}.`);
    }
  };
}

export function positiveInt(flag: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (v.trim() === "" || !Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${flag} takes an integer >= 1, got "${v}".`);
    return n;
  };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `--grid KEY=V1,V2` → [key, values]; a JSON array on the right is taken as the list of values. */
export function gridEntry(text: string): [string, unknown[]] {
  const [key, value] = keyValue("--grid", text);
  if (Array.isArray(value)) return [key, value];
  const raw = text.slice(text.indexOf("=") + 1);
  return [
    key,
    raw.split(",").map((v) => {
      try {
        return JSON.parse(v);
      } catch {
        return v;
      }
    }),
  ];
}

/** The sweep spec from `--sweep FILE`, the run flags (the base) and `--grid`/`--seeds`. */
function sweepSpec(options: SweepOptions, io: CliIO): { spec: SweepSpec; fromFlags: Set<string> } {
  let spec: SweepSpec = {};
  if (options.sweep !== undefined) {
    const file = readJSON(io, options.sweep, "sweep");
    if (file === null || typeof file !== "object" || Array.isArray(file)) throw new CliError(`the sweep file ${options.sweep} must hold a JSON object {base, grid, seeds}`, EXIT_USAGE);
    spec = file as SweepSpec;
  }
  const { partial: base, fromFlags } = flagsToPartial(options, io, spec.base ?? {});
  const grid = { ...(spec.grid ?? {}) };
  for (const g of options.grid ?? []) {
    const [key, values] = gridEntry(g);
    grid[key] = values;
    fromFlags.add(key);
  }
  return { spec: { ...spec, base, grid, ...(options.seeds && { seeds: options.seeds }) }, fromFlags };
}

/** `vanish sweep`: a grid × seeds of runs on a worker pool, resumable, one run directory per config hash. */
export function registerSweep(program: Command, io: CliIO): void {
  const command = program.command("sweep").description("run a grid of configs × seeds in parallel on worker threads; resumable, one directory per config hash");
  addRunFlags(command)
    .option("--sweep <file>", "a JSON sweep {base, grid, seeds}; flags override its base")
    .option("--grid <key=values>", "a grid axis, repeatable: a dotted config path and comma-separated values", collect)
    .option("--seeds <list>", "seeds for every grid point: 0,1,2 or 0-4", seedList)
    .option("--workers <n>", "worker threads", positiveInt("--workers"), availableParallelism())
    .option("--out <dir>", "directory of the runs (one subdirectory per job) and sweep.json", "runs")
    .option("--checkpoint-every <n>", "steps between checkpoints of each run", positiveInt("--checkpoint-every"), 50)
    .option("--json", "print the results as JSON (no progress bar)")
    .option("--quiet", "print nothing but errors")
    .option("--queue <url>", "run the jobs on the BullMQ queue in this Redis (redis://HOST:PORT[/DB]) for `vanish worker` to process", queueUrl("--queue"))
    .option("--detach", "with --queue: enqueue the jobs and return")
    .option("--collect", "with --queue: enqueue nothing, gather the finished runs into --out")
    .option("--attempts <n>", "with --queue: attempts a run gets before its job fails, retries included (default 3; a lost worker uses none)", positiveInt("--attempts"))
    .addHelpText("after", EXAMPLES)
    .action(async (options: SweepOptions) => {
      const { spec, fromFlags } = sweepSpec(options, io);
      let jobs: SweepJob[];
      try {
        jobs = expandSweep(spec);
      } catch (e) {
        if (e instanceof ConfigError) throw new CliError(configErrorMessage(e, fromFlags, options.sweep ?? options.config), EXIT_USAGE);
        throw e;
      }
      for (const job of jobs) {
        try {
          checkRunSize(job.config);
        } catch (e) {
          if (e instanceof RangeError) throw new CliError(`job ${job.id} (${describePoint(job.point)}): ${e.message.replace(/^checkRunSize: /, "")}`, EXIT_USAGE);
          throw e;
        }
      }
      if (options.queue === undefined && (options.detach || options.collect)) throw new CliError(`--${options.detach ? "detach" : "collect"} needs --queue redis://HOST:PORT (${options.detach ? "it enqueues the jobs there and returns" : "it gathers the finished runs from there"})`, EXIT_USAGE);
      if (options.queue === undefined && options.attempts !== undefined) throw new CliError("--attempts needs --queue redis://HOST:PORT (a local sweep does not retry runs)", EXIT_USAGE);
      if (options.detach && options.collect) throw new CliError("--detach and --collect exclude each other: --detach enqueues and returns, --collect gathers what has finished", EXIT_USAGE);
      if (options.queue !== undefined) return queuedSweep(jobs, spec, options, io);
      const c = colours(!options.json && !options.quiet && isInteractive(process.stdout));
      const bar = progressBar("sweep {bar} {percentage}% | jobs {value}/{total} | ETA {eta_formatted} | last {last}", !options.json && !options.quiet && isInteractive(process.stderr));
      mkdirSync(options.out, { recursive: true });
      const lock = lockDirectory(options.out, "vanish sweep", "sweep directory");
      const stop = listenForStop();
      bar?.start(jobs.length, 0, { last: "—" });
      let results: JobResult[];
      try {
        try {
          results = await runSweep(jobs, options.out, {
            workers: options.workers,
            checkpointEvery: options.checkpointEvery,
            signal: stop.signal,
            onJobDone: (r, done) => bar?.update(done, { last: `${r.job.id} ${r.summary.status}` }),
          });
        } catch (e) {
          bar?.stop();
          if (stop.signal.aborted) throw new CliError(`stopped by ${stop.received ?? "SIGINT"}; rerun the same command to resume (finished runs are kept in ${options.out})`, stop.exitCode());
          if (e instanceof SweepJobsError) {
            const done = e.results.filter((r) => r !== undefined).length;
            throw new CliError(
              `${e.failures.length} of ${jobs.length} jobs could not run (the other ${done} finished; fix these and rerun the same command to finish the sweep):\n  ${e.message.split("\n").join("\n  ")}`,
              e.failures.every((f) => f.usage) ? EXIT_USAGE : 1,
            );
          }
          throw e;
        } finally {
          stop.dispose();
        }
        bar?.stop();
        atomicWrite(join(options.out, "sweep.json"), `${JSON.stringify({ spec, jobs: results.map(sweepRow) }, null, 2)}\n`);
      } finally {
        lock.release();
      }
      printRows(results.map(sweepRow), options, io, c);
    });
}
