// Runs a demo plan: the cliff and the probes at initialisation in this thread, every training run through the
// engine's sweep (worker threads, one run directory per config hash, so a rerun skips finished runs), then the
// probes of the trained models from their final checkpoints.
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { restoreCheckpoint, type SequenceBatch } from "@vanish/rnn";
import type { RunConfig } from "../engine/config";
import { configHash } from "../engine/configHash";
import type { MetricsRecord } from "../engine/metrics";
import type { RunSummary } from "../engine/summary";
import { createTaskData, type RunBatch } from "../engine/taskData";
import { cutAtVerb } from "../engine/verbAgreement";
import { createRunModel } from "../engine/trainRun";
import { RunDirectory } from "../runs/runDirectory";
import { runSweep, type JobOutcome } from "../runs/sweep";
import { cliffExperiment, type CliffResult } from "./cliff/cliffExperiment";
import type { DemoJob, DemoPlan } from "./demoPlan";
import { jobCost } from "./jobCost";
import { probeGradients, type ProbeNorms } from "./probeGradients";
import { demoShortcuts } from "./demoShortcuts";
import type { ShortcutScore } from "@vanish/datasets";

/** A finished run of the demo. */
export interface DemoRun {
  readonly job: DemoJob;
  readonly runDir: string;
  readonly outcome: JobOutcome;
  readonly summary: RunSummary;
  readonly metrics: MetricsRecord[];
}

/** ‖dL/dh‖ from the read-out back, before and after training, on the same fixed batch of the evaluation set. */
export interface GradientProbe {
  readonly job: DemoJob;
  readonly init: ProbeNorms;
  readonly trained: ProbeNorms;
}

export interface DemoResults {
  readonly plan: DemoPlan;
  /** In plan order. */
  readonly runs: readonly DemoRun[];
  /** For every agreement run. */
  readonly probes: readonly GradientProbe[];
  readonly cliff: CliffResult;
  /** The shortcut audit of the agreement test sentences (the first seed's; every cell is tested on them). */
  readonly shortcuts: readonly ShortcutScore[];
  readonly workers: number;
  /** Wall-clock seconds of the whole demo (training and probes; not the report). */
  readonly seconds: number;
}

export interface RunDemoOptions {
  /** Worker threads (default: the machine's available parallelism); 0 trains in this thread. */
  readonly workers?: number;
  /** Called as each run finishes. */
  readonly onRunDone?: (run: DemoRun, done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/**
 * The read-out of an lm batch as a batch of its own: each sentence up to the word before its target verb, scored on
 * the correct verb form only (cross-entropy over the vocabulary at that step), so that ‖dL/dh‖ counted back from the
 * read-out measures how the verb's loss reaches the earlier words. Other batches are returned as they are.
 */
export function verbReadout(batch: RunBatch): SequenceBatch {
  return batch.verbs === undefined ? batch : cutAtVerb(batch.ids!, batch.verbs);
}

/**
 * The batch every probe of a run uses, fixed and never trained on: the first batch of the longest distance bucket
 * of the test sets (agreement; so that the gradient can be followed far back from the verb), else of the
 * evaluation set.
 */
function probeBatch(config: RunConfig, cache: Map<string, SequenceBatch>): SequenceBatch {
  // The test sets depend on the task, the seed and the batch shape only, so the cells share them.
  const key = JSON.stringify([config.task, config.seed, config.batchSize, config.evalBatches, config.dtype]);
  let batch = cache.get(key);
  if (batch === undefined) {
    const data = createTaskData(config);
    const longest = data.byDistance?.at(-1)?.batches[0];
    batch = verbReadout(longest ?? data.evalSet.batches[0]!);
    cache.set(key, batch);
  }
  return batch;
}

/** Runs every job of `plan` into `outDir/runs/<config hash>/` and measures what the report needs. */
export async function runDemo(plan: DemoPlan, outDir: string, options: RunDemoOptions = {}): Promise<DemoResults> {
  const started = performance.now();
  const workers = options.workers ?? availableParallelism();
  const cliff = cliffExperiment(plan.cliff);

  const batches = new Map<string, SequenceBatch>();
  const probed = plan.jobs.filter((j) => j.group === "agreement");
  const initial = new Map(probed.map((job) => {
    const data = createTaskData(job.config);
    return [job.key, probeGradients(createRunModel(job.config, data), probeBatch(job.config, batches))] as const;
  }));

  // Longest runs first, so that the workers finish close together.
  const order = [...plan.jobs].sort((a, b) => jobCost(b.config) - jobCost(a.config));
  const runsDir = join(outDir, "runs");
  const byKey = new Map<string, DemoRun>();
  const results = await runSweep(
    order.map((job) => ({ id: configHash(job.config), config: job.config, point: { key: job.key } })),
    runsDir,
    {
      workers,
      ...(options.signal && { signal: options.signal }),
      onJobDone: (r, done, total) => {
        const job = order.find((j) => j.key === r.job.point.key)!;
        const run: DemoRun = { job, runDir: r.runDir, outcome: r.outcome, summary: r.summary, metrics: new RunDirectory(r.runDir).readMetrics() };
        byKey.set(job.key, run);
        options.onRunDone?.(run, done, total);
      },
    },
  );
  if (results.length !== plan.jobs.length) throw new Error(`runDemo: expected ${plan.jobs.length} results, got ${results.length}`);

  const probes = probed.map((job): GradientProbe => {
    const run = byKey.get(job.key)!;
    const checkpoint = new RunDirectory(run.runDir).readCheckpoint();
    if (checkpoint === null) throw new Error(`runDemo: ${run.runDir} has no checkpoint to probe the trained model`);
    const model = restoreCheckpoint(checkpoint).model;
    return { job, init: initial.get(job.key)!, trained: probeGradients(model, probeBatch(job.config, batches)) };
  });
  return {
    plan,
    runs: plan.jobs.map((job) => byKey.get(job.key)!),
    probes,
    cliff,
    shortcuts: probed.length === 0 ? [] : demoShortcuts(probed[0]!.config),
    workers,
    seconds: (performance.now() - started) / 1000,
  };
}
