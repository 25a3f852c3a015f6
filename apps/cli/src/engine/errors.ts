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

  /**
   * `reason`: what stopped the run instead of the `error` policy — the clipping spec's error under the `clip` policy
   * (its message is quoted), or a whole message of the caller's.
   */
  constructor(step: number, loss: number, gradNorm: number, reason?: Error | string) {
    const what = Number.isFinite(loss) ? `the gradient norm is ${gradNorm}` : `the loss is ${loss}`;
    super(
      typeof reason === "string"
        ? reason
        : reason === undefined
          ? `trainRun: ${what} at step ${step}; the nonFinite policy "error" stops here ` +
            `(clip the gradients, e.g. clip "norm:1", lower the learning rate, or use nonFinite "skip" to skip such updates)`
          : `trainRun: ${what} at step ${step}; under the nonFinite policy "clip" the clipping spec stops here: ${reason.message}`,
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
