import type { RunSummary } from "./summary";

/**
 * The loss or a gradient became NaN/±Infinity under the `error` policy. `step` is the 1-based optimiser step whose
 * forward/backward pass produced it; `summary` is the failed run's summary (also written to `summary.json`).
 */
export class NonFiniteError extends Error {
  readonly step: number;
  readonly loss: number;
  readonly gradNorm: number;
  summary: RunSummary | null = null;

  /** `message` replaces the default one (the nonFinite policy's) when a clip spec's policy stopped the run. */
  constructor(step: number, loss: number, gradNorm: number, message?: string) {
    const what = Number.isFinite(loss) ? `the gradient norm is ${gradNorm}` : `the loss is ${loss}`;
    super(
      message ??
        `trainRun: ${what} at step ${step}; the nonFinite policy "error" stops here ` +
          `(clip the gradients, e.g. clip "norm:1", lower the learning rate, or use nonFinite "skip" to skip such updates)`,
    );
    this.name = "NonFiniteError";
    this.step = step;
    this.loss = loss;
    this.gradNorm = gradNorm;
  }
}

/** The run was stopped through its AbortSignal; a checkpoint at `step` was written first (with a run directory). */
export class RunAbortedError extends Error {
  readonly step: number;

  constructor(step: number) {
    super(`trainRun: stopped at step ${step} by the abort signal; resume to continue`);
    this.name = "AbortError";
    this.step = step;
  }
}
