import type { RunConfig } from "./config";
import type { Evaluation } from "./evaluate";

/** What `summary.json` holds at the end of a run (and what `trainRun` resolves to). */
export interface RunSummary {
  /** `configHash(config)`: the job id. */
  id: string;
  status: "completed" | "failed";
  config: RunConfig;
  /** Completed optimiser steps. */
  steps: number;
  /** Mean training loss of the last logging interval (null if not finite). */
  finalLoss: number | null;
  /** Training loss of the first step with a finite loss (null if none was). */
  firstLoss: number | null;
  /**
   * A completed run whose final training loss is more than 100× its first step's: finite but absurd (e.g. 5.4e6 →
   * 2.1e7), so not a healthy result even though nothing was NaN.
   */
  diverged: boolean;
  /** Updates clipped, skipped (policy `skip`) and with a non-finite loss or gradient, over the whole run. */
  clippedSteps: number;
  skippedSteps: number;
  nonFiniteSteps: number;
  /** The final evaluation (null when the run failed). */
  evaluation: Evaluation | null;
  /** Set when the run failed: the step and the message. */
  failure: { step: number; kind: "nonFinite"; message: string } | null;
  /** The step the run last resumed from (0 if it ran in one go). */
  resumedFrom: number;
  /**
   * The GEMM backend the run computed with (`@vanish/core`'s `getBackend()`): float32 results are bit-identical
   * only for the same code and backend.
   */
  backend: string;
  /** Wall-clock seconds of the last session (not comparable across resumes; not part of the results). */
  seconds: number;
}
