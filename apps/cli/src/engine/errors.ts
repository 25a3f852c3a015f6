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

  /** `clipError`: under the `clip` policy, the error of the clipping spec's non-finite policy that stopped the run. */
  constructor(step: number, loss: number, gradNorm: number, clipError?: Error) {
    const what = Number.isFinite(loss) ? `the gradient norm is ${gradNorm}` : `the loss is ${loss}`;
    super(
      clipError === undefined
        ? `trainRun: ${what} at step ${step}; the nonFinite policy "error" stops here ` +
            `(clip the gradients, e.g. clip "norm:1", lower the learning rate, or use nonFinite "skip" to skip such updates)`
        : `trainRun: ${what} at step ${step}; under the nonFinite policy "clip" the clipping spec stops here: ${clipError.message}`,
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

/**
 * A run directory that cannot be used as asked — held by another process, holding no run to resume, or holding
 * files that contradict each other (metrics behind the checkpoint, a checkpoint past the run's last step, a file that
 * does not parse). Nothing in the directory was changed. `path` is the directory or file at fault; the CLI prints
 * the message and exits 2.
 */
export class RunDirectoryError extends Error {
  readonly path: string;

  constructor(path: string, message: string) {
    super(message);
    this.name = "RunDirectoryError";
    this.path = path;
  }
}
