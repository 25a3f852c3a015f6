import { setMaxListeners } from "node:events";
import { resolve } from "node:path";
import { Option, type Command } from "commander";
import { DEMO_SIZES, demoPlan, type DemoSize } from "../experiments/demoPlan";
import { runDemo, type DemoRun } from "../experiments/runDemo";
import { CliError, EXIT_USAGE, type CliIO } from "../io";
import { demoReport } from "../report/demoReport";
import { demoJson } from "../experiments/demoJson";
import { writeFileAtomic } from "@vanish/rnn/node";
import { join } from "node:path";
import { formatNumber, formatPercent } from "../report/format";
import { writeReport } from "../report/writeReport";
import { colours, isInteractive } from "../terminal";
import { mkdirSync } from "node:fs";
import { lockDirectory } from "../runs/dirLock";
import { SweepJobsError } from "../runs/sweep";
import { listenForStop } from "../signals";

interface DemoOptions {
  out: string;
  full?: boolean;
  size?: DemoSize;
  workers?: string;
  json?: boolean;
  quiet?: boolean;
}

const EXAMPLES = `
Examples:
  $ vanish demo                      # under 2 minutes on 2 cores; writes ./vanish-report/index.html and demo.json
  $ vanish demo --full --out report  # 5 seeds, distances to 80, longer training (several times longer)
  $ vanish demo --size quick         # a smoke test in seconds (too short for the numbers to mean anything)

What it runs, for 3 seeds: subject–verb agreement as a language model (and, as a control, as number prediction)
and the adding problem, for a tanh RNN, an LSTM and a GRU at the same budget, with ‖dL/dh_t‖ before and after
training; a relu RNN without clipping (it diverges) and with five clipping strategies; and Pascanu's cliff. Every
sentence in the report is computed from these runs; OUT/demo.json holds the numbers. Runs are stored in OUT/runs/
by config hash, so an interrupted or repeated demo reuses what is finished.`;

/** One line per finished run, for people watching. */
function runLine(run: DemoRun, done: number, total: number): string {
  const s = run.summary;
  const how = run.outcome === "skipped" ? "reused" : `${formatNumber(s.seconds)} s`;
  let result: string;
  if (s.status === "failed") result = `non-finite at step ${s.failure!.step}`;
  else if (s.evaluation!.accuracy !== null) result = `test accuracy ${formatPercent(s.evaluation!.accuracy)}`;
  else result = `test ${s.evaluation!.baseline.metric} ${formatNumber(s.evaluation!.loss)}`;
  return `[${done}/${total}] ${run.job.key.padEnd(24)} ${how.padStart(8)}  ${result}\n`;
}

/**
 * `vanish demo`: trains every run of the demo (in parallel on worker threads), measures the gradient probes and
 * the cliff, and writes one self-contained HTML report with a PNG of each chart. Prints the report's path.
 */
export function registerDemo(program: Command, io: CliIO): void {
  program
    .command("demo")
    .description("run the headline experiments and write an HTML report (vanishing gap, exploding and its fix, the cliff)")
    .option("--out <dir>", "output folder for index.html, the PNGs and runs/", "vanish-report")
    .option("--full", "the longer version: 5 seeds, distances to 80, longer training (same as --size full)")
    .addOption(new Option("--size <size>", "how much to train").choices([...DEMO_SIZES]))
    .option("--workers <n>", "worker threads (default: the number of CPU cores; 0 trains in the main thread)")
    .option("--json", "print {html, pngs, seconds, findings} as one line of JSON")
    .option("--quiet", "print only the report's path")
    .addHelpText("after", EXAMPLES)
    .action(async (options: DemoOptions) => {
      if (options.full && options.size !== undefined && options.size !== "full") {
        throw new CliError(`--full conflicts with --size ${options.size}; use one of them`, EXIT_USAGE);
      }
      const size: DemoSize = options.full ? "full" : (options.size ?? "default");
      let workers: number | undefined;
      if (options.workers !== undefined) {
        workers = Number(options.workers);
        if (!Number.isInteger(workers) || workers < 0) throw new CliError(`--workers must be an integer >= 0, got ${JSON.stringify(options.workers)}`, EXIT_USAGE);
      }
      const out = resolve(options.out);
      const chatty = !options.json && !options.quiet;
      const c = colours(chatty && isInteractive(process.stderr));
      const plan = demoPlan(size);
      if (chatty) io.stderr(c.bold(`vanish demo (${size}): ${plan.jobs.length} training runs → ${out}\n`));
      mkdirSync(out, { recursive: true });
      // One demo at a time in a folder (its runs/ is a sweep directory).
      const lock = lockDirectory(out, "vanish demo", "demo folder");
      const stop = listenForStop();
      // Every queued run listens to the signal (one listener per job in the worker pool).
      setMaxListeners(plan.jobs.length + 10, stop.signal);
      let results;
      try {
        results = await runDemo(plan, out, {
          ...(workers !== undefined && { workers }),
          signal: stop.signal,
          onRunDone: (run, done, total) => chatty && io.stderr(c.dim(runLine(run, done, total))),
        });
      } catch (e) {
        if (stop.signal.aborted) throw new CliError(`stopped by ${stop.received ?? "SIGINT"}; finished runs are kept in ${out}/runs and reused by the next vanish demo --out ${options.out}`, stop.exitCode());
        if (e instanceof SweepJobsError) throw new CliError(`${e.failures.length} runs of the demo could not run:\n  ${e.message.split("\n").join("\n  ")}`, e.failures.every((f) => f.usage) ? EXIT_USAGE : 1);
        throw e;
      } finally {
        stop.dispose();
        if (results === undefined) lock.release();
      }
      const content = demoReport(results);
      let written;
      try {
        written = await writeReport(content, out);
        writeFileAtomic(join(out, "demo.json"), `${JSON.stringify(demoJson(results), null, 2)}\n`);
      } finally {
        lock.release();
      }
      if (options.json) {
        io.stdout(`${JSON.stringify({ html: written.html, pngs: written.pngs, seconds: results.seconds, findings: content.intro.slice(1) })}\n`);
        return;
      }
      if (chatty) for (const finding of content.intro.slice(1)) io.stderr(`\n${finding}\n`);
      io.stdout(`${written.html}\n`);
    });
}
