import { AgreementGenerator } from "@vanish/datasets";
import { gateCount } from "@vanish/rnn";
import type { RunConfig } from "../engine/config";
import { sequenceTask } from "../engine/taskData";

/**
 * A rough cost of a run in multiply-adds' units: steps × batch × the longest sequence × (gates + 1) × H². Used only
 * to dispatch the longest runs first, so that two workers finish close together.
 */
export function jobCost(config: RunConfig): number {
  const T = config.task.name === "agreement" ? new AgreementGenerator({ ...config.task.knobs, preset: config.task.preset }).maxLength : sequenceTask(config.task).maxLength;
  return config.steps * config.batchSize * T * (gateCount(config.cell) + 1) * config.hiddenSize ** 2;
}
