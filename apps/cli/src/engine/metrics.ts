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
