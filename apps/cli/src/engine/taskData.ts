// Turns a run's task config into training batches (drawn from a seeded generator whose state is the whole data
// position, so a checkpoint of it resumes the stream exactly), a fixed evaluation set and, for agreement, the test
// sets bucketed by distance and attractor count.
import { Random } from "@vanish/core";
import {
  AgreementGenerator,
  SentenceSet,
  addingProblem,
  agreementEncoder,
  agreementTestSets,
  copyMemory,
  encodeAgreement,
  generateAgreement,
  streamRandom,
  temporalOrder,
  type AgreementExample,
  type Baseline,
  type SequenceTask,
} from "@vanish/datasets";
import type { SequenceBatch } from "@vanish/rnn";
import type { RunConfig } from "./config";
import type { TaskConfig } from "./taskConfig";
import { toSequenceBatch } from "./sequenceBatch";
import { verbProbe, type VerbProbe } from "./verbAgreement";

/** A training or evaluation batch; lm batches also say where each sequence's target verb is predicted. */
export type RunBatch = SequenceBatch & { verbs?: VerbProbe };

/** A labelled group of evaluation batches (a distance bucket, an attractor count, or the whole set). */
export interface EvalBucket {
  /** e.g. `{ distance: [4, 10] }` or `{ attractors: 2 }`; empty for the plain evaluation set. */
  key: { distance?: readonly [number, number]; attractors?: number };
  batches: RunBatch[];
  /** Examples in the bucket. */
  count: number;
}

export interface TaskData {
  /** "classification" (cross-entropy, accuracy) or "regression" (MSE). */
  kind: "classification" | "regression";
  /**
   * Agreement's `lm` framing: next-token cross-entropy at every step (loss per token), and accuracy is verb
   * agreement — the correct verb form scored above the wrong one at the step that predicts the verb.
   */
  languageModel: boolean;
  /** Features per step (dense tasks) or the embedding width (token tasks). */
  inputSize: number;
  /** Vocabulary size of a token task, 0 for dense input. */
  vocabSize: number;
  outputSize: number;
  baseline: Baseline;
  /** The generator of the training stream, in its initial state (its state is the stream position). */
  trainRng: Random;
  /** The next training batch of `batchSize`, drawn from `rng` only. */
  next(rng: Random): RunBatch;
  /** The fixed evaluation set: `evalBatches` batches, independent of the training stream. */
  evalSet: EvalBucket;
  /** Agreement only: test sets by distance bucket and by attractor count. */
  byDistance?: EvalBucket[];
  byAttractors?: EvalBucket[];
}

/** A task's data for a resolved run config (pure function of the config, seed included). */
export function createTaskData(config: RunConfig): TaskData {
  return config.task.name === "agreement" ? agreementData(config) : sequenceData(config);
}

/** The `@vanish/datasets` task of a dense (non-agreement) task config. */
export function sequenceTask(task: Exclude<TaskConfig, { name: "agreement" }>): SequenceTask {
  switch (task.name) {
    case "adding":
      return addingProblem(task.knobs);
    case "temporalOrder":
      return temporalOrder(task.knobs);
    case "copy":
      return copyMemory(task.knobs);
  }
}

/** Streams of a dense task: fork 1 of `new Random(seed)` builds the model, fork 2 the training data, fork 3 evaluation. */
export function seedStreams(seed: number): { model: Random; train: Random; eval: Random } {
  const root = new Random(seed);
  return { model: root.fork(), train: root.fork(), eval: root.fork() };
}

function sequenceData(config: RunConfig): TaskData {
  const task = sequenceTask(config.task as Exclude<TaskConfig, { name: "agreement" }>);
  const { batchSize: B, dtype } = config;
  const streams = seedStreams(config.seed);
  const buffers = new Map<string, Float64Array>();
  const evalBatches: SequenceBatch[] = [];
  for (let i = 0; i < config.evalBatches; i++) evalBatches.push(toSequenceBatch(task.sample(streams.eval, B), dtype));
  return {
    kind: task.kind,
    languageModel: false,
    inputSize: task.inputSize,
    vocabSize: 0,
    outputSize: task.outputSize,
    baseline: task.baseline,
    trainRng: streams.train,
    next: (rng) => toSequenceBatch(task.sample(rng, B), dtype, buffers),
    evalSet: { key: {}, batches: evalBatches, count: config.evalBatches * B },
  };
}

/** Consecutive test-side examples after which the training stream gives up (as `streamAgreement` does). */
const MAX_SKIPS = 10_000;

function agreementData(config: RunConfig): TaskData {
  const task = config.task as Extract<TaskConfig, { name: "agreement" }>;
  const knobs = { ...task.knobs, preset: task.preset };
  const { batchSize: B, seed } = config;
  const generator = new AgreementGenerator(knobs);
  const framing = generator.config.framing;
  const lm = framing === "lm";
  const encoder = agreementEncoder(framing, B, generator.maxLength);
  // lm: where each sequence's verb is predicted; the training stream's probe reuses one set of arrays.
  const trainVerbs: VerbProbe = { steps: new Int32Array(B), correct: new Int32Array(B), wrong: new Int32Array(B) };
  const toBatch = (examples: readonly AgreementExample[], reuse: boolean): RunBatch => {
    const t = reuse ? encodeAgreement(examples, { encoder }) : encodeAgreement(examples);
    if (!lm) return { ids: t.ids, batchSize: t.B, lengths: t.lengths, targets: t.labels!, loss: "last" };
    // Language model (Linzen et al. 2016): <bos> + sentence in, sentence + <eos> out, every real step counts.
    return { ids: t.ids, batchSize: t.B, lengths: t.lengths, mask: t.mask, targets: t.targets!, loss: "all", verbs: verbProbe(t.meta, reuse ? trainVerbs : undefined) };
  };
  const chunks = (examples: AgreementExample[]): RunBatch[] => {
    const out: RunBatch[] = [];
    for (let i = 0; i < examples.length; i += B) out.push(toBatch(examples.slice(i, i + B), false));
    return out;
  };
  const perBucket = config.evalBatches * B;
  const testExamples = generateAgreement(seed, knobs, perBucket, { split: "test" });
  const buckets = agreementTestSets(seed, knobs, { perBucket });
  const exclude = new SentenceSet().addAll(testExamples).merge(buckets.sentences);
  const batch: AgreementExample[] = new Array(B);
  return {
    kind: "classification",
    languageModel: lm,
    inputSize: config.embeddingSize,
    vocabSize: generator.vocabulary.size,
    // lm: a next-token distribution over the vocabulary; otherwise two classes.
    outputSize: lm ? generator.vocabulary.size : 2,
    baseline: { metric: "error", value: 0.5, predictor: lm ? "chance (two verb forms)" : "chance (balanced labels)" },
    trainRng: streamRandom(seed, "train"),
    next(rng) {
      // As streamAgreement's train split: skip anything on the test side.
      for (let b = 0, skipped = 0; b < B; ) {
        const example = generator.sample(rng);
        if (!exclude.has(example)) {
          batch[b++] = example;
          skipped = 0;
        } else if (++skipped === MAX_SKIPS) {
          throw new RangeError(`trainRun: ${MAX_SKIPS} training examples in a row were in the test sets; the agreement knobs allow too few distinct sentences (widen distance or the lexicon)`);
        }
      }
      return toBatch(batch, true);
    },
    evalSet: { key: {}, batches: chunks(testExamples), count: testExamples.length },
    byDistance: buckets.byDistance.map((d) => ({ key: { distance: d.distance }, batches: chunks(d.examples), count: d.examples.length })),
    byAttractors: buckets.byAttractors.map((a) => ({ key: { attractors: a.attractors }, batches: chunks(a.examples), count: a.examples.length })),
  };
}
