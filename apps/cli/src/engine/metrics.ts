import type { RunConfig } from "./config";
import { RunDirectoryError } from "./runDirectoryError";
import type { SetScore } from "./evaluate";

/**
 * One line of `metrics.jsonl`: what happened in the logging interval ending at `step` (a record is written every
 * `logEvery` steps, at every `evalEvery` step, at the last step and at a failure). JSON has no NaN/Infinity, so a
 * non-finite value is written as null.
 */
export interface MetricsRecord {
  /** Completed optimiser steps (batches) at the end of the interval. */
  step: number;
  /** Steps in the interval. */
  interval: number;
  /** Mean training loss over the interval's steps whose loss was finite (null if none was); per token for lm. */
  loss: number | null;
  /**
   * Mean training accuracy over the same steps (null for regression); for agreement's lm framing, verb agreement
   * accuracy on the training batches (correct verb form scored above the wrong one).
   */
  accuracy: number | null;
  /** ‖g‖₂ of all gradients before clipping, at the interval's last step (last window in truncated BPTT). */
  gradNormBefore: number | null;
  /** ‖g‖₂ after clipping (equal to before without clipping or below the threshold). */
  gradNormAfter: number | null;
  /** The clipping threshold at the last step in the strategy's unit, or null (no clipping, warm-up, policies). */
  threshold: number | null;
  /** Updates in the interval that clipping changed. */
  clipped: number;
  /** Updates in the interval with a non-finite loss or gradient. */
  nonFinite: number;
  /** Updates skipped since the start of the run (the `skip` policy). */
  skipped: number;
  /** Present when a step of the interval was instrumented: ‖dL/dh_t‖ per time step t (top layer), latest one. */
  hiddenGradNorms?: number[];
  /** With instrumentation: the largest spectral radius among the gate blocks of layer 0's W_hh. */
  spectralRadius?: number;
  /** The step `hiddenGradNorms` and `spectralRadius` were measured at. */
  instrumentedStep?: number;
  /** At `evalEvery` steps: the evaluation set's score. */
  eval?: SetScore;
}

/** Whether a run writes a metrics record at `step` (every `logEvery` steps, every `evalEvery` steps, the last step). */
export function isRecordStep(config: RunConfig, step: number): boolean {
  return step % config.logEvery === 0 || (config.evalEvery > 0 && step % config.evalEvery === 0) || step === config.steps;
}

/**
 * Checks that `records` (of the metrics file `file`) hold exactly the records a run writes up to `step` — one per
 * record step, in order, none missing, none twice — followed by at most the records of later steps that a
 * checkpoint at `step` has not seen yet. Throws a {@link RunDirectoryError} naming the file and what is missing or
 * out of place: resuming over it would leave a silent gap (or a duplicate) in the log.
 */
export function checkMetricsCover(file: string, records: readonly MetricsRecord[], config: RunConfig, step: number): void {
  const fix = "the log cannot be rebuilt from the checkpoint; restore the file, or delete checkpoint.json to restart the run from step 0";
  let prev = 0;
  for (let i = 0; i < records.length; i++) {
    const s = records[i].step;
    if (!(typeof s === "number" && Number.isInteger(s) && s > prev)) {
      throw new RunDirectoryError(file, `${file} is out of order: line ${i + 1} is step ${String(s)} after step ${prev} (two processes wrote it?); ${fix}`);
    }
    prev = s;
  }
  const have = new Set(records.map((r) => r.step));
  const missing: number[] = [];
  for (let s = 1; s <= step; s++) if (isRecordStep(config, s) && !have.has(s)) missing.push(s);
  if (missing.length > 0) {
    const last = records.filter((r) => r.step <= step).at(-1)?.step;
    const shown = missing.length <= 4 ? missing.join(", ") : `${missing.slice(0, 3).join(", ")}, …, ${missing.at(-1)}`;
    throw new RunDirectoryError(
      file,
      `${file} ${last === undefined ? "holds no record" : `stops at step ${last}`} but the checkpoint is at step ${step}: the records of ${missing.length === 1 ? "step" : "steps"} ${shown} (${missing.length} in all) are missing; ${fix}`,
    );
  }
  const stray = records.find((r) => !isRecordStep(config, r.step) && r.step <= step);
  if (stray) throw new RunDirectoryError(file, `${file} holds a record at step ${stray.step}, where this run writes none; ${fix}`);
}
