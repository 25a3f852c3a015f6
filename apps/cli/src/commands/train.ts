import { join } from "node:path";
import type { Command } from "commander";
import { configHash } from "../engine/configHash";
import { existsSync, statSync } from "node:fs";
import { NonFiniteError, RunAbortedError } from "../engine/errors";
import { RunDirectoryError } from "../engine/runDirectoryError";
import { checkRunSize } from "../engine/runSize";
import { listenForStop } from "../signals";
import type { Evaluation } from "../engine/evaluate";
import type { RunSummary } from "../engine/summary";
import { trainRun } from "../engine/trainRun";
import { CliError, EXIT_USAGE, type CliIO } from "../io";
import { RunDirectory } from "../runs/runDirectory";
import { colours, fmt, isInteractive, pct, progressBar, type Colours } from "../terminal";
import { addRunFlags, resolveFlags, type RunFlagValues } from "./runFlags";
import { trainProgress } from "./trainProgress";
import { isLanguageModel } from "../engine/taskConfig";

interface TrainOptions extends RunFlagValues {
  out?: string;
  resume?: boolean;
  checkpointEvery?: number;
  json?: boolean;
  quiet?: boolean;
}

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it (SIGTERM 143, SIGHUP 129). */
export const EXIT_INTERRUPTED = 130;

const EXAMPLES = `
Examples:
  $ vanish train --task adding --preset easy --cell lstm --steps 300
  $ vanish train --task agreement --cell rnn_tanh --hidden-size 32 --steps 500 --out runs/agree-rnn
  $ vanish train --task agreement --preset easy --knob framing=lm --lr 0.01 --steps 3000   # a language model, scored on the verb
  $ vanish train --cell rnn_relu --init scaledNormal:3 --optimizer sgd --lr 1 --clip norm:1 --non-finite skip
  $ vanish train --config run.json --seed 2 --json
  $ vanish train --resume --out runs/agree-rnn        # continue from the last checkpoint

The run directory (default runs/<config hash>) holds config.json, metrics.jsonl, checkpoint.json and summary.json.
Exit codes: 0 finished, 1 the run failed (e.g. a NaN loss under --non-finite error), 2 bad flags or config, or a
run directory that cannot be used (in use by another process, nothing to resume, damaged files, not writable),
130/143/129 stopped by SIGINT/SIGTERM/SIGHUP after writing a checkpoint (resume with --resume).`;

/**
 * `vanish train`: one run from flags or a config file, in a run directory, with a progress bar on a terminal and
 * the summary (or, with --json, the summary.json object) at the end.
 */
export function registerTrain(program: Command, io: CliIO): void {
  const command = program.command("train").description("train one recurrent model on one task, with metrics, checkpoints and a summary");
  addRunFlags(command)
    .option("--out <dir>", "run directory (default: runs/<config hash>)")
    .option("--resume", "continue the run in --out from its last checkpoint")
    .option("--checkpoint-every <n>", "steps between checkpoints", (v) => Number(v), 50)
    .option("--json", "print the summary as one line of JSON (no progress bar)")
    .option("--quiet", "print nothing but errors")
    .addHelpText("after", EXAMPLES)
    .action(async (options: TrainOptions) => {
      if (!Number.isInteger(options.checkpointEvery) || options.checkpointEvery! < 1) {
        throw new CliError(`--checkpoint-every must be an integer >= 1, got ${String(options.checkpointEvery)}`, EXIT_USAGE);
      }
      const flags = { ...options };
      // `--resume --out DIR` alone continues the run stored there.
      if (options.resume && options.out && !options.config && new RunDirectory(options.out).hasRun()) flags.config = join(options.out, "config.json");
      const config = resolveFlags(flags, io);
      const out = options.out ?? join("runs", configHash(config));
      if (options.resume) checkResumable(out);
      try {
        checkRunSize(config);
      } catch (e) {
        if (e instanceof RangeError) throw new CliError(e.message.replace(/^checkRunSize: /, ""), EXIT_USAGE);
        throw e;
      }
      const c = colours(!options.json && !options.quiet && isInteractive(process.stdout));
      const progress = trainProgress(config);
      const bar = progressBar(progress.format, !options.json && !options.quiet && isInteractive(process.stderr));
      const stop = listenForStop();
      bar?.start(config.steps, 0, progress.values(null));
      let summary: RunSummary;
      try {
        summary = await trainRun(config, {
          runDir: out,
          resume: options.resume === true,
          checkpointEvery: options.checkpointEvery,
          signal: stop.signal,
          onLog: (r) => bar?.update(r.step, progress.values(r)),
        });
      } catch (e) {
        bar?.stop();
        if (e instanceof NonFiniteError) {
          if (options.json && e.summary) io.stdout(`${JSON.stringify(e.summary)}\n`);
          const message = e.message.replace(/^trainRun: /, "").replace('clip "norm:1"', "--clip norm:1").replace('nonFinite "skip"', "--non-finite skip").replace('nonFinite policy "error"', "--non-finite error policy");
          throw new CliError(`${message}\n  metrics and summary: ${out}`, 1);
        }
        if (e instanceof RunAbortedError) {
          throw new CliError(`stopped by ${stop.received ?? "SIGINT"} at step ${e.step}, checkpoint written; continue with: vanish train --resume --out ${out}`, stop.exitCode());
        }
        if (e instanceof RunDirectoryError) throw new CliError(e.message.replace(/^trainRun: /, "").replace("pass resume: true", "pass --resume"), EXIT_USAGE);
        throw e;
      } finally {
        stop.dispose();
      }
      bar?.stop();
      if (options.json) io.stdout(`${JSON.stringify(summary)}\n`);
      else if (!options.quiet) io.stdout(formatSummary(summary, out, c));
    });
}

/** Refuses `--resume` of a directory that holds no run (a typo would otherwise start a new run there). */
function checkResumable(out: string): void {
  if (!existsSync(out)) throw new CliError(`--resume: ${out} does not exist, so there is no run to continue; check the path, or drop --resume to start a new run`, EXIT_USAGE);
  if (!statSync(out).isDirectory()) throw new CliError(`--resume: ${out} is a file, not a run directory`, EXIT_USAGE);
  if (!new RunDirectory(out).hasRun()) throw new CliError(`--resume: ${out} holds no run (no config.json); check the path, or drop --resume to start a new run there`, EXIT_USAGE);
}

/** The end-of-run report for people. */
export function formatSummary(s: RunSummary, out: string, c: Colours): string {
  const k = s.config;
  // Agreement has many knobs; the three that set the difficulty are enough here (config.json has them all).
  const shown = k.task.name === "agreement" ? ["distance", "attractors", "nesting"] : Object.keys(k.task.knobs);
  const knobs = Object.entries(k.task.knobs)
    .filter(([name]) => shown.includes(name))
    .map(([name, v]) => `${name} ${JSON.stringify(v)}`)
    .join(", ");
  const lines = [
    `${c.bold(`run ${s.id}`)} ${c.dim("→")} ${out}${s.resumedFrom > 0 ? c.dim(` (resumed from step ${s.resumedFrom})`) : ""}`,
    `  ${k.task.name} (${k.task.preset}: ${knobs}) · ${k.cell} ×${k.layers} · hidden ${k.hiddenSize} · ${k.optimizer.name} lr ${k.optimizer.lr} · clip ${k.clip} · ${s.steps} steps`,
    `  final training loss${isLanguageModel(k.task) ? " per token" : ""} ${fmt(s.finalLoss)} · clipped ${s.clippedSteps} · skipped ${s.skippedSteps} · non-finite ${s.nonFiniteSteps} · ${s.seconds.toFixed(1)} s`,
  ];
  if (s.diverged) lines.push(`  ${c.red(`diverged: the final training loss ${fmt(s.finalLoss)} is more than 100× the first step's ${fmt(s.firstLoss)}`)}`);
  if (s.evaluation) lines.push(...formatEvaluation(s.evaluation, isLanguageModel(k.task), c));
  return `${lines.join("\n")}\n`;
}

function formatEvaluation(e: Evaluation, lm: boolean, c: Colours): string[] {
  const b = e.baseline;
  const head =
    e.accuracy === null
      ? `  evaluation: ${b.metric} ${c.bold(fmt(e.loss))} (baseline ${fmt(b.value)}, ${b.predictor})`
      : lm
        ? `  evaluation: verb agreement accuracy ${c.bold(pct(e.accuracy))}, loss per token ${fmt(e.loss)} (baseline ${b.metric} ${fmt(b.value)}, ${b.predictor})`
        : `  evaluation: accuracy ${c.bold(pct(e.accuracy))}, loss ${fmt(e.loss)} (baseline ${b.metric} ${fmt(b.value)}, ${b.predictor})`;
  const lines = [head];
  if (e.byDistance) lines.push(`  by distance: ${e.byDistance.map((d) => `[${d.distance[0]}–${d.distance[1]}] ${pct(d.accuracy)}`).join(" · ")}`);
  if (e.byAttractors) lines.push(`  by attractors: ${e.byAttractors.map((a) => `${a.attractors}: ${pct(a.accuracy)}`).join(" · ")}`);
  return lines;
}
