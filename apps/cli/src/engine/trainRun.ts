// One training run, in-process: data from @vanish/datasets, the model and BPTT from @vanish/rnn, clipping from
// @vanish/clipping, the optimiser from @vanish/core. Everything random is seeded from `config.seed`, so a run is a
// pure function of its config; a checkpoint holds every piece of state (weights, optimiser, data generator,
// clipping, counters), so a resumed run continues bit-identically.
import { getBackend, type Random } from "@vanish/core";
import { NON_FINITE_POLICY_KINDS, getTotalNorm, parseClipSpec, type ClipState, type ClipStrategy } from "@vanish/clipping";
import { NonFiniteStepError, createCheckpoint, createModel, restoreCheckpoint, trainStep, type LossAndGradResult, type RecordOptions, type RecurrentModel, type TrainStepOptions, type TrainStepResult, type UpdateStats } from "@vanish/rnn";
import type { DirLock } from "../runs/dirLock";
import { RunDirectory } from "../runs/runDirectory";
import { createOptimizer, resolveRunConfig, type PartialRunConfig, type RunConfig } from "./config";
import { configHash } from "./configHash";
import { ConfigError } from "./configError";
import { NonFiniteError, RunAbortedError } from "./errors";
import { RunDirectoryError } from "./runDirectoryError";
import { evaluate, scoreSet } from "./evaluate";
import { checkMetricsCover, type MetricsRecord } from "./metrics";
import { checkRunSize } from "./runSize";
import type { RunSummary } from "./summary";
import { createTaskData, seedStreams, type RunBatch } from "./taskData";
import { countVerbAgreement } from "./verbAgreement";

export interface TrainRunOptions {
  /** Write config.json, metrics.jsonl, checkpoint.json and summary.json here (created if missing). */
  runDir?: string;
  /**
   * Continue the run in `runDir` from its checkpoint (a completed run returns its summary; a directory without a
   * checkpoint starts over). Without `resume`, a `runDir` that already holds a run is an error. A checkpoint beyond
   * the run's steps, metrics that stop short of the checkpoint, or a file that does not parse is refused with a
   * {@link RunDirectoryError}, before anything is written.
   */
  resume?: boolean;
  /** Who holds the run directory's lock, for the message another process gets (default "vanish train"). */
  owner?: string;
  /** Steps between checkpoints (default 50); a checkpoint is also written at the end and when aborted. */
  checkpointEvery?: number;
  /** Called with every metrics record, after it is written. */
  onLog?: (record: MetricsRecord) => void;
  /**
   * Called (and awaited) after each periodic checkpoint is written, with its step; the metrics file then holds the
   * records up to that step. A queue worker copies the run's files to shared storage here.
   */
  onCheckpoint?: (step: number) => void | Promise<void>;
  /** Stops the run at the next step: a checkpoint is written, then the promise rejects with a RunAbortedError. */
  signal?: AbortSignal;
}

/** The trainer's own state, stored in the checkpoint beside the weights, optimiser and generator. */
interface TrainerState {
  clip: ClipState | null;
  clippedSteps: number;
  skippedSteps: number;
  nonFiniteSteps: number;
  interval: Interval;
  /** The loss of the first step that had a finite one (a final loss 100× above it flags the run as diverged). */
  firstLoss?: number | null;
}

/** A completed run whose final training loss is more than this many times its first step's is flagged `diverged`. */
export const DIVERGED_FACTOR = 100;

/** Accumulators of the logging interval in progress (plain data, so that it goes into checkpoints). */
interface Interval {
  steps: number;
  lossSum: number;
  lossCount: number;
  accuracySum: number;
  clipped: number;
  nonFinite: number;
  gradNormBefore: number | null;
  gradNormAfter: number | null;
  threshold: number | null;
  hiddenGradNorms: number[] | null;
  spectralRadius: number | null;
  instrumentedStep: number | null;
  lastLoss: number | null;
}

const emptyInterval = (): Interval => ({
  steps: 0,
  lossSum: 0,
  lossCount: 0,
  accuracySum: 0,
  clipped: 0,
  nonFinite: 0,
  gradNormBefore: null,
  gradNormAfter: null,
  threshold: null,
  hiddenGradNorms: null,
  spectralRadius: null,
  instrumentedStep: null,
  lastLoss: null,
});

/** The clipping stages that decide what a non-finite gradient does (the rest leave it to the run's `nonFinite`). */
const NON_FINITE_STAGES = new Set<string>(NON_FINITE_POLICY_KINDS);

/** Whether `clip` has a stage that handles non-finite gradients (then the run hands them to it). */
export function specHandlesNonFinite(clip: ClipStrategy): boolean {
  const json = clip.toJSON();
  return (Array.isArray(json) ? json : [json]).some((stage) => NON_FINITE_STAGES.has(stage.type));
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The run's model, built from `config` exactly as `trainRun` builds it (fork 1 of the seed). */
export function createRunModel(config: RunConfig, data: { inputSize: number; vocabSize: number; outputSize: number }): RecurrentModel {
  return createModel(
    {
      cell: config.cell,
      inputSize: data.inputSize,
      hiddenSize: config.hiddenSize,
      outputSize: data.outputSize,
      numLayers: config.layers,
      vocabSize: data.vocabSize,
      dtype: config.dtype,
    },
    seedStreams(config.seed).model,
    { recurrent: config.recurrentInit, ...(config.forgetBias !== null && { forgetBias: config.forgetBias }) },
  );
}

/**
 * Trains one run and resolves to its summary. The config may be partial (it is resolved with `resolveRunConfig`).
 * Under the `error` policy a non-finite loss or gradient rejects with a {@link NonFiniteError} naming the step
 * (after writing the metrics so far and a failed summary); under `skip` the update is skipped and counted; under
 * `clip` the clipping spec's leading non-finite policy decides (skip and count, zero the NaNs, or stop as `error`).
 *
 * @example
 * const summary = await trainRun({ task: { name: "adding", preset: "easy" }, cell: "gru", steps: 100 });
 * summary.evaluation.loss; // MSE on the evaluation set, to compare with summary.evaluation.baseline.value
 */
export async function trainRun(partial: RunConfig | PartialRunConfig, options: TrainRunOptions = {}): Promise<RunSummary> {
  const config = resolveRunConfig(partial as PartialRunConfig);
  const checkpointEvery = options.checkpointEvery ?? 50;
  if (!Number.isInteger(checkpointEvery) || checkpointEvery < 1) {
    throw new RangeError(`trainRun: options.checkpointEvery must be an integer >= 1, got ${String(checkpointEvery)}`);
  }
  checkRunSize(config);
  if (options.runDir === undefined) return trainLocked(config, null, null, options);
  // One process at a time in a run directory: everything below, checks included, happens under its lock.
  const dir = new RunDirectory(options.runDir);
  dir.create();
  const lock = dir.lock(options.owner ?? "vanish train");
  try {
    return await trainLocked(config, dir, lock, options);
  } finally {
    lock.release();
  }
}

async function trainLocked(config: RunConfig, dir: RunDirectory | null, lock: DirLock | null, options: TrainRunOptions): Promise<RunSummary> {
  const id = configHash(config);
  const started = performance.now();
  const checkpointEvery = options.checkpointEvery ?? 50;
  if (dir && dir.hasRun()) {
    if (!options.resume) throw new RunDirectoryError(dir.path, `trainRun: ${dir.path} already holds a run; pass resume: true to continue it, or choose another directory`);
    let existing: string;
    try {
      existing = configHash(resolveRunConfig(dir.readConfig() as PartialRunConfig));
    } catch (e) {
      if (e instanceof ConfigError) throw new RunDirectoryError(dir.file("config"), `trainRun: ${dir.file("config")} is not a valid run config: ${e.message.replace(/^resolveRunConfig: /, "")}`);
      throw e;
    }
    if (existing !== id) throw new RunDirectoryError(dir.path, `trainRun: ${dir.path} holds run ${existing}, not ${id} (a different config); choose another directory`);
    const done = dir.readSummary();
    if (done && done.status === "completed") return done;
  }

  const data = createTaskData(config);
  const model = createRunModel(config, data);
  const optimizer = createOptimizer(config.optimizer, model.parameters());
  const clip: ClipStrategy | null = config.clip === "none" ? null : parseClipSpec(config.clip);
  const rng: Random = data.trainRng;
  const regression = data.kind === "regression";
  const state: TrainerState = { clip: null, clippedSteps: 0, skippedSteps: 0, nonFiniteSteps: 0, interval: emptyInterval() };
  let step = 0;
  let resumedFrom = 0;

  if (dir) {
    const checkpoint = options.resume ? dir.readCheckpoint() : null;
    if (checkpoint) {
      if (checkpoint.step > config.steps) {
        throw new RunDirectoryError(dir.file("checkpoint"), `trainRun: ${dir.file("checkpoint")} is at step ${checkpoint.step}, beyond the run's ${config.steps} steps, so it is not this run's; delete it to restart the run from step 0`);
      }
      // The records up to the checkpoint must all be there: resuming over lost ones would leave a silent gap.
      checkMetricsCover(dir.file("metrics"), dir.readMetrics(), config, checkpoint.step);
    }
    dir.removeTemporaryFiles();
    if (checkpoint) {
      let restored;
      try {
        restored = restoreCheckpoint(checkpoint, { model, optimizer, rng });
        clip?.setState((restored.clipping as TrainerState).clip);
      } catch (e) {
        if (e instanceof TypeError || e instanceof RangeError) throw new RunDirectoryError(dir.file("checkpoint"), `trainRun: ${dir.file("checkpoint")} does not fit this run's model (${e.message}); delete it to restart the run from step 0`);
        throw e;
      }
      Object.assign(state, restored.clipping as TrainerState);
      step = restored.step;
      resumedFrom = step;
      dir.truncateMetrics(step);
    } else {
      dir.truncateMetrics(0);
    }
    dir.writeConfig(config);
  }

  const saveCheckpoint = (): void => {
    if (!dir) return;
    state.clip = clip ? clip.getState() : null;
    dir.writeCheckpoint(createCheckpoint(model, { step, optimizer, rng, clipping: state }));
  };

  const record: RecordOptions = { hiddenGradNorms: true, spectrum: true };
  const stepOptions: TrainStepOptions = {
    optimizer,
    gradNorm: getTotalNorm,
    transform: clip,
    // A spec with a non-finite policy (skip, error, applyIfFinite:N, zeroNans) decides about NaN/±Inf itself, with or
    // without nonFinite "clip".
    nonFinite: config.nonFinite === "clip" || (clip !== null && specHandlesNonFinite(clip)) ? "transform" : config.nonFinite,
    truncation: config.bptt.mode === "full" ? null : { k1: config.bptt.k1, k2: config.bptt.k2, stateful: config.bptt.stateful },
  };

  /** Adds the updates of one step to the interval and the run's counters. */
  const account = (updates: readonly UpdateStats[]): void => {
    const iv = state.interval;
    for (const u of updates) {
      iv.gradNormBefore = finiteOrNull(u.gradNormBefore);
      iv.gradNormAfter = finiteOrNull(u.gradNormAfter);
      iv.threshold = u.threshold;
      if (u.nonFinite) {
        iv.nonFinite++;
        state.nonFiniteSteps++;
      }
      if (u.clipped) {
        iv.clipped++;
        state.clippedSteps++;
      }
      if (u.skipped) state.skippedSteps++;
    }
  };

  const instrument = (r: LossAndGradResult): void => {
    const top = r.layers[r.layers.length - 1];
    if (!top) return;
    const iv = state.interval;
    iv.hiddenGradNorms = Array.from(top.hiddenGradNorms!.perStep);
    iv.spectralRadius = Math.max(...r.layers[0].spectrum!.map((g) => g.spectralRadius));
    iv.instrumentedStep = step + 1;
  };

  const flush = (withEval: boolean): MetricsRecord => {
    const iv = state.interval;
    const rec: MetricsRecord = {
      step,
      interval: iv.steps,
      loss: iv.lossCount > 0 ? iv.lossSum / iv.lossCount : null,
      accuracy: regression || iv.lossCount === 0 ? null : iv.accuracySum / iv.lossCount,
      gradNormBefore: iv.gradNormBefore,
      gradNormAfter: iv.gradNormAfter,
      threshold: iv.threshold,
      clipped: iv.clipped,
      nonFinite: iv.nonFinite,
      skipped: state.skippedSteps,
    };
    if (iv.hiddenGradNorms) {
      rec.hiddenGradNorms = iv.hiddenGradNorms;
      rec.spectralRadius = iv.spectralRadius!;
      rec.instrumentedStep = iv.instrumentedStep!;
    }
    if (withEval) rec.eval = scoreSet(model, data.evalSet, regression);
    dir?.appendMetrics(rec);
    state.interval = emptyInterval();
    state.interval.lastLoss = rec.loss;
    options.onLog?.(rec);
    return rec;
  };

  let lastLoss: number | null = state.interval.lastLoss;
  state.firstLoss ??= null;
  let yielded = performance.now();
  try {
    while (step < config.steps) {
      if (lock?.compromised) {
        throw new RunDirectoryError(dir!.path, `trainRun: the lock of ${dir!.path} was taken over by another process at step ${step} (${lock.compromised.message}); stopped without writing anything more`);
      }
      if (options.signal?.aborted) {
        saveCheckpoint();
        throw new RunAbortedError(step);
      }
      const batch: RunBatch = data.next(rng);
      const instrumented = config.instrumentEvery > 0 && (step + 1) % config.instrumentEvery === 0;
      // lm batches: the training accuracy is verb agreement, read from the logits at each verb step.
      const verbs = batch.verbs;
      let correct = 0;
      let weight = 0;
      let result: TrainStepResult;
      try {
        result = trainStep(model, batch, {
          ...stepOptions,
          ...(instrumented && { record }),
          ...(verbs && { returnLogits: true }),
          // Truncation: each window is scored before its update, with the weights that produced its logits.
          onWindow: (w) => {
            if (verbs) {
              const v = countVerbAgreement(w.logits!.data, w.logitRows!, model.outputSize, verbs);
              correct += v.right;
              weight += v.seen;
            } else {
              correct += w.accuracy * w.weight;
              weight += w.weight;
            }
          },
        });
      } catch (e) {
        if (!(e instanceof NonFiniteStepError)) throw e;
        account(e.updates);
        if (instrumented && !stepOptions.truncation) instrument(e.result);
        const last = e.updates[e.updates.length - 1];
        throw new NonFiniteError(step + 1, last.loss, last.gradNormBefore, e.cause instanceof Error ? e.cause : undefined);
      }
      account(result.updates);
      const loss = result.loss;
      const r = result.last;
      const accuracy = result.windows ? (weight > 0 ? correct / weight : NaN) : verbs ? countVerbAgreement(r.logits!.data, r.logitRows!, model.outputSize, verbs).right / verbs.steps.length : r.accuracy;
      if (instrumented) instrument(r);
      step++;
      const iv = state.interval;
      iv.steps++;
      if (state.firstLoss === null && Number.isFinite(loss)) state.firstLoss = loss;
      if (Number.isFinite(loss)) {
        iv.lossSum += loss;
        iv.lossCount++;
        iv.accuracySum += regression ? 0 : accuracy;
      }
      const evalNow = config.evalEvery > 0 && step % config.evalEvery === 0;
      if (step % config.logEvery === 0 || evalNow || step === config.steps) {
        lastLoss = flush(evalNow).loss;
      }
      // Let signals, messages and the lock's refresh in at least every 200 ms (the loop is otherwise synchronous).
      if (step % config.logEvery === 0 || performance.now() - yielded > 200) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        yielded = performance.now();
      }
      if (step % checkpointEvery === 0 && step < config.steps) {
        saveCheckpoint();
        await options.onCheckpoint?.(step);
      }
    }
  } catch (e) {
    if (e instanceof NonFiniteError) {
      step = e.step;
      state.interval.steps++;
      flush(false);
      const summary = makeSummary("failed", null, { step: e.step, kind: "nonFinite", message: e.message });
      dir?.writeSummary(summary);
      e.summary = summary;
    }
    throw e;
  }
  saveCheckpoint();
  const summary = makeSummary("completed", evaluate(model, data, true), null);
  dir?.writeSummary(summary);
  return summary;

  function makeSummary(status: RunSummary["status"], evaluation: RunSummary["evaluation"], failure: RunSummary["failure"]): RunSummary {
    const first = state.firstLoss ?? null;
    return {
      id,
      status,
      config,
      steps: step,
      finalLoss: lastLoss,
      firstLoss: first,
      diverged: status === "completed" && first !== null && lastLoss !== null && lastLoss > DIVERGED_FACTOR * Math.abs(first),
      clippedSteps: state.clippedSteps,
      skippedSteps: state.skippedSteps,
      nonFiniteSteps: state.nonFiniteSteps,
      evaluation,
      failure,
      resumedFrom,
      backend: getBackend(),
      seconds: (performance.now() - started) / 1000,
    };
  }
}
