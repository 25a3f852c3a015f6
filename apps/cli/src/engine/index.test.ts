import { describe, expect, it } from "vitest";
import * as engine from "./index";

describe("the engine's public surface", () => {
  it("exports exactly these values", () => {
    expect(Object.keys(engine).sort()).toEqual([
      "DTYPES",
      "NON_FINITE_POLICIES",
      "NonFiniteError",
      "OPTIMIZER_NAMES",
      "RECURRENT_INITS",
      "RUN_CONFIG_DEFAULTS",
      "RUN_CONFIG_KEYS",
      "RunAbortedError",
      "TASK_KNOBS",
      "TASK_NAMES",
      "TASK_PRESETS",
      "canonicalJSON",
      "configHash",
      "createOptimizer",
      "createRunModel",
      "createTaskData",
      "evaluate",
      "resolveRunConfig",
      "resolveTaskConfig",
      "scoreSet",
      "seedStreams",
      "sequenceTask",
      "setPath",
      "trainRun",
    ]);
  });
});
