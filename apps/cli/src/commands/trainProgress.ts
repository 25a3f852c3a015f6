// The live progress line of `vanish train`: the training loss and accuracy of the last logging interval in the
// units of the run's task, and the gradient norm.
import type { RunConfig } from "../engine/config";
import type { MetricsRecord } from "../engine/metrics";
import { isLanguageModel } from "../engine/taskConfig";
import { fmt, pct } from "../terminal";

export interface TrainProgress {
  /** The cli-progress format: bar, step, ETA, then `{loss}`, `{acc}` (classification only) and `{grad}`. */
  format: string;
  /** The values of one metrics record (dashes before the first one). */
  values(record: MetricsRecord | null): { loss: string; acc: string; grad: string };
}

/**
 * The progress line for `config`: "loss … | acc …" for classification, "loss/token … | verb acc …" for agreement's
 * lm framing (next-token cross-entropy per token, verb agreement accuracy), "MSE …" for the adding problem.
 */
export function trainProgress(config: RunConfig): TrainProgress {
  const head = "train {bar} {percentage}% | step {value}/{total} | ETA {eta_formatted}";
  const regression = config.task.name === "adding";
  const metrics = regression ? "MSE {loss}" : isLanguageModel(config.task) ? "loss/token {loss} | verb acc {acc}" : "loss {loss} | acc {acc}";
  return {
    format: `${head} | ${metrics} | ‖g‖ {grad}`,
    values: (r) => ({ loss: fmt(r?.loss), acc: pct(r?.accuracy), grad: fmt(r?.gradNormBefore) }),
  };
}
