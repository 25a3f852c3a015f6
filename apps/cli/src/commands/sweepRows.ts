// The results of a sweep, one row per job: sweep.json, `--json` and the table a sweep prints, local or queued.
import type { CliIO } from "../io";
import { isLanguageModel } from "../engine/taskConfig";
import type { JobResult } from "../runs/sweep";
import { fmt, pct, type Colours } from "../terminal";

/** One line of sweep.json and of `--json` output. */
export interface SweepRow {
  id: string;
  point: Record<string, unknown>;
  runDir: string;
  outcome: JobResult["outcome"];
  status: "completed" | "failed";
  steps: number;
  finalLoss: number | null;
  evalLoss: number | null;
  /** Evaluation accuracy; for agreement's lm framing, verb agreement accuracy (and `evalLoss` is per token). */
  evalAccuracy: number | null;
  failedAt: number | null;
  /** Completed, but the final training loss is more than 100× the first step's. */
  diverged: boolean;
  /** Agreement in the lm framing. */
  languageModel: boolean;
}

/** Prints the sweep's rows: JSON with --json, nothing with --quiet, else a table. */
export function printRows(rows: SweepRow[], options: { json?: boolean; quiet?: boolean; out: string }, io: CliIO, c: Colours): void {
  if (options.json) {
    io.stdout(`${JSON.stringify(rows)}\n`);
    return;
  }
  if (options.quiet) return;
  const lines = rows.map((r) => {
    const point = Object.entries(r.point).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ");
    const result =
      r.status === "failed"
        ? c.red(`failed at step ${r.failedAt}`)
        : `eval ${r.evalAccuracy === null ? `loss ${fmt(r.evalLoss)}` : `${r.languageModel ? "verb agreement accuracy" : "accuracy"} ${pct(r.evalAccuracy)}`}${r.diverged ? c.red("  diverged (final loss > 100× the first)") : ""}`;
    return `  ${r.id}  ${c.dim(r.outcome.padEnd(7))}  ${point.padEnd(24)}  ${result}`;
  });
  const ran = rows.filter((r) => r.outcome !== "skipped").length;
  io.stdout(`${c.bold(`sweep: ${rows.length} jobs`)} (${ran} run, ${rows.length - ran} already finished) → ${options.out}\n${lines.join("\n")}\n`);
}

/** The row of one job's result. */
export function sweepRow(r: JobResult): SweepRow {
  const s = r.summary;
  return {
    id: r.job.id,
    point: r.job.point,
    runDir: r.runDir,
    outcome: r.outcome,
    status: s.status,
    steps: s.steps,
    finalLoss: s.finalLoss,
    evalLoss: s.evaluation?.loss ?? null,
    evalAccuracy: s.evaluation?.accuracy ?? null,
    failedAt: s.failure?.step ?? null,
    diverged: s.diverged === true,
    languageModel: isLanguageModel(s.config.task),
  };
}
