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
 * A run config that does not resolve. `path` names the key (`config.optimizer.lr`), `reason` says what is wrong with
 * it (`must be a number > 0, got -1`), `kind` is "type" (wrong kind of value, unknown key) or "range" (out of range).
 * Callers compose their own message from the fields (the CLI names the flag or file that set the key) instead of
 * rewriting the message. `fn` is the function that resolved the config; `at` places the config in its input,
 * e.g. a sweep's grid point.
 */
export class ConfigError extends Error {
  readonly path: string;
  readonly reason: string;
  readonly kind: "type" | "range";
  readonly at: string | null;

  constructor(path: string, reason: string, kind: "type" | "range", { fn = "resolveRunConfig", at = null }: { fn?: string; at?: string | null } = {}) {
    super(`${fn}: ${at === null ? "" : `${at}: `}${path} ${reason}`);
    this.name = "ConfigError";
    this.path = path;
    this.reason = reason;
    this.kind = kind;
    this.at = at;
  }
}
