// For tests: a complete RunSummary with plain defaults, so that tests name only the fields they are about.
import { resolveRunConfig, type PartialRunConfig } from "../engine/config";
import type { RunSummary } from "../engine/summary";

export function summaryFixture(overrides: Partial<Omit<RunSummary, "config">> & { config?: PartialRunConfig } = {}): RunSummary {
  const { config, ...rest } = overrides;
  const resolved = resolveRunConfig(config ?? {});
  return {
    id: "0000000000000000",
    status: "completed",
    config: resolved,
    steps: resolved.steps,
    finalLoss: 0.5,
    firstLoss: 1,
    diverged: false,
    clippedSteps: 0,
    skippedSteps: 0,
    nonFiniteSteps: 0,
    evaluation: null,
    failure: null,
    resumedFrom: 0,
    backend: "js",
    seconds: 1,
    ...rest,
  };
}
