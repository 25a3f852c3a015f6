// The two tasks of the lab behind one interface: seeded batches in @vanish/rnn's shape, and a few fixed examples
// to show the learner (sentences with their subject and verb; adding-problem sequences with their two markers).
import { Random } from "@vanish/core";
import {
  AGREEMENT_PRESETS,
  AgreementGenerator,
  addingProblem,
  agreementEncoder,
  encodeAgreement,
  maxAttractorsFor,
  type AgreementExample,
  type AgreementOptions,
  type SequenceTask,
  type TokenBatchEncoder,
  type Vocabulary,
} from "@vanish/datasets";
import type { SequenceBatch } from "@vanish/rnn";
// The CLI's conversion of a datasets batch into an rnn batch: one home for it in the apps.
import { toSequenceBatch } from "../../../cli/src/engine/sequenceBatch";
import type { LabConfig } from "../config/labConfig";

/** One example as the page shows it (plain data, sent from the worker as is). */
export type SampleView =
  | {
      kind: "agreement";
      /** The sentence, one word per entry. */
      words: string[];
      subject: number;
      verb: number;
      /** 0 singular, 1 plural. */
      number: 0 | 1;
      distance: number;
      attractors: number;
      /** The right and the wrong form of the verb. */
      correct: string;
      wrong: string;
    }
  | {
      kind: "adding";
      values: number[];
      /** The two marked steps. */
      marked: [number, number];
      target: number;
    };

/** A task as the trainer sees it. */
export interface TaskSource {
  readonly kind: "classification" | "regression";
  /** Features per step (dense input) or the embedding width (token input). */
  readonly inputSize: number;
  readonly outputSize: number;
  /** > 0 for token input. */
  readonly vocabSize: number;
  /**
   * Time steps shown in the gradient charts, counted back from the read-out: the subject's noun through the last
   * word before the verb (agreement, = distance), or the whole sequence (adding, = T).
   */
  readonly window: number;
  /** The loss a model that learned nothing gets (ln 2 for agreement, 1/6 MSE for adding). */
  readonly baseline: number;
  /** The next training batch. Its arrays may be reused by the following call. */
  nextBatch(): SequenceBatch;
  /** `count` fixed examples (the same for the same seed), as views and as batches of one. */
  samples(count: number): { views: SampleView[]; batches: SequenceBatch[] };
  /** Agreement: the vocabulary and the lexicon's tables, so that the sentence view can read any sentence. */
  readonly words?: SentenceWords;
}

/** What the sentence view needs to read a sentence with a model of this task. */
export interface SentenceWords {
  readonly vocabulary: Vocabulary;
  /** Per id: the other-number form of an agreeing verb, −1 otherwise. */
  readonly otherForm: Int32Array;
  /** Per id: 1 for nouns. */
  readonly isNoun: Uint8Array;
  /** Per id: 0 singular, 1 plural for nouns and agreeing verbs, −1 otherwise. */
  readonly numberOf: Int8Array;
}

/** Embedding width of the agreement task (Linzen et al. use 50; a smaller one keeps the lab fast). */
export const EMBEDDING_SIZE = 16;

/**
 * The @vanish/datasets options for an agreement config: the preset with the distance fixed to exactly `distance`
 * and the attractor range narrowed to what fits in that gap.
 */
export function agreementOptions(config: Pick<LabConfig, "preset" | "distance">): AgreementOptions {
  const base = AGREEMENT_PRESETS[config.preset];
  const best = base.target === "main" ? base.nesting[0] : 0;
  const fit = Math.max(0, maxAttractorsFor(config.distance, best));
  return {
    preset: config.preset,
    distance: [config.distance, config.distance],
    attractors: [Math.min(base.attractors[0], fit), Math.min(base.attractors[1], fit)],
  };
}

/** The task of a configuration; `rng` draws the training batches, `sampleSeed` the shown examples. */
export function taskSource(config: LabConfig, rng: Random, sampleSeed: number): TaskSource {
  return config.task === "agreement" ? agreementSource(config, rng, sampleSeed) : addingSource(config, rng, sampleSeed);
}

function agreementSource(config: LabConfig, rng: Random, sampleSeed: number): TaskSource {
  const generator = new AgreementGenerator(agreementOptions(config));
  const B = config.batchSize;
  const encoder: TokenBatchEncoder = agreementEncoder("number", B, generator.maxLength);
  const examples: AgreementExample[] = new Array(B);
  const batch: { ids: Int32Array; batchSize: number; lengths: Int32Array; targets: Int32Array; loss: "last" } = {
    ids: new Int32Array(0),
    batchSize: B,
    lengths: new Int32Array(0),
    targets: new Int32Array(0),
    loss: "last",
  };
  const vocab = generator.vocabulary;
  return {
    kind: "classification",
    inputSize: EMBEDDING_SIZE,
    outputSize: 2,
    vocabSize: vocab.size,
    window: config.distance,
    baseline: Math.LN2,
    words: { vocabulary: vocab, otherForm: generator.lexicon.otherForm, isNoun: generator.lexicon.isNoun, numberOf: generator.lexicon.numberOf },
    nextBatch() {
      for (let b = 0; b < B; b++) examples[b] = generator.sample(rng);
      const t = encodeAgreement(examples, { encoder });
      batch.ids = t.ids;
      batch.lengths = t.lengths;
      batch.targets = t.labels!;
      return batch;
    },
    samples(count) {
      const sampleRng = new Random(sampleSeed);
      const views: SampleView[] = [];
      const batches: SequenceBatch[] = [];
      for (let i = 0; i < count; i++) {
        // Alternate singular and plural subjects so both forms are on show.
        const e = generator.sample(sampleRng, { number: (i % 2) as 0 | 1 });
        const [correct, wrong] = vocab.decode([e.meta.correct, e.meta.wrong]);
        views.push({
          kind: "agreement",
          words: vocab.decode(e.sentence),
          subject: e.meta.subject,
          verb: e.meta.verb,
          number: e.meta.number,
          distance: e.meta.distance,
          attractors: e.meta.attractors,
          correct,
          wrong,
        });
        const one = encodeAgreement([e]);
        batches.push({ ids: one.ids, batchSize: 1, targets: one.labels!, loss: "last" });
      }
      return { views, batches };
    },
  };
}

function addingSource(config: LabConfig, rng: Random, sampleSeed: number): TaskSource {
  const task: SequenceTask = addingProblem({ length: config.length });
  return {
    kind: "regression",
    inputSize: task.inputSize,
    outputSize: 1,
    vocabSize: 0,
    window: config.length,
    baseline: task.baseline.value,
    nextBatch() {
      return toSequenceBatch(task.sample(rng, config.batchSize));
    },
    samples(count) {
      const sampleRng = new Random(sampleSeed);
      const views: SampleView[] = [];
      const batches: SequenceBatch[] = [];
      for (let i = 0; i < count; i++) {
        const s = task.sample(sampleRng, 1);
        const values: number[] = [];
        const marked: number[] = [];
        for (let t = 0; t < s.T; t++) {
          values.push(s.inputs[t * 2]);
          if (s.inputs[t * 2 + 1] === 1) marked.push(t);
        }
        views.push({ kind: "adding", values, marked: [marked[0], marked[1]], target: s.targets[0] });
        batches.push(toSequenceBatch(s));
      }
      return { views, batches };
    },
  };
}
