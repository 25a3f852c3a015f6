// The training engine's public surface, for the commands and for `vanish demo`/`vanish report`.
export { DTYPES, NON_FINITE_POLICIES, OPTIMIZER_NAMES, RECURRENT_INITS, RUN_CONFIG_DEFAULTS, RUN_CONFIG_KEYS, createOptimizer, resolveRunConfig, type BpttConfig, type NonFinitePolicy, type OptimizerConfig, type OptimizerName, type PartialRunConfig, type RecurrentInitConfig, type RunConfig } from "./config";
export { TASK_KNOBS, TASK_NAMES, TASK_PRESETS, resolveTaskConfig, type TaskConfig, type TaskName, type TaskPreset } from "./taskConfig";
export { canonicalJSON, configHash } from "./configHash";
export { createTaskData, seedStreams, sequenceTask, type EvalBucket, type TaskData } from "./taskData";
export { evaluate, scoreSet, type AttractorScore, type DistanceScore, type Evaluation, type SetScore } from "./evaluate";
export { NonFiniteError, RunAbortedError } from "./errors";
export type { MetricsRecord } from "./metrics";
export type { RunSummary } from "./summary";
export { createRunModel, trainRun, type TrainRunOptions } from "./trainRun";
export { setPath } from "./setPath";
