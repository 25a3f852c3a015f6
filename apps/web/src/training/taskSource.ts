// The two tasks of the lab behind one interface: seeded batches in @vanish/rnn's shape, and a few fixed examples
// to show the learner (sentences with their subject and verb; adding-problem sequences with their two markers).
import { Random } from "@vanish/core";
import {
  AGREEMENT_PRESETS,
  AgreementGenerator,
  addingProblem,
  agreementEncoder,
  agreementTestSets,
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
import { minDistance, type LabConfig } from "../config/labConfig";
import { verbProbe, verbReadout, type VerbProbe, type VerbReadout } from "./verbProbe";

/** One example as the page shows it (plain data, sent from the worker as is). */
export type SampleView =
  | {
      kind: "agreement";
      /** "number": a classifier reads up to the word before the verb; "lm": a language model predicts the verb. */
      framing: "number" | "lm";
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
  /** The loss a model that learned nothing gets (ln 2 for agreement, ln V for lm, 1/6 MSE for adding). */
  readonly baseline: number;
  /** Agreement: how the model is trained and scored; null for the adding problem. */
  readonly framing: "number" | "lm" | null;
  /** lm: where each sequence of the batch `nextBatch` returned last predicts its verb (overwritten by the next call). */
  readonly probe: VerbProbe | null;
  /**
   * lm: a fixed batch of sentences at the longest distance, cut at the verb (see `verbReadout`): the gradient charts
   * show ‖∂L/∂hₜ‖ of the verb's loss on it, counted back from the verb.
   */
  readonly readout: SequenceBatch | null;
  /** lm: held-out sentences per log-spaced distance bucket, none of them in training; empty otherwise. */
  readonly testSets: readonly TestBucket[];
  /** The next training batch. Its arrays may be reused by the following call. */
  nextBatch(): SequenceBatch;
  /** `count` fixed examples (the same for the same seed), as views and as batches of one (lm: cut at the verb, with their probes). */
  samples(count: number): { views: SampleView[]; batches: SequenceBatch[]; probes?: VerbProbe[] };
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

/** One held-out test set of the lm framing: its sentences' distance range, cut at the verb. */
export interface TestBucket {
  readonly distance: [number, number];
  readonly readout: VerbReadout;
}

/**
 * The lm framing's sentences: the CLI demo's agreement design (apps/cli's `DEMO_AGREEMENT`) — 0–4 attractors, a small
 * lexicon so that learning the words is quick and carrying the number is the hard part, "the" as the only
 * determiner, and distances drawn log-uniformly (as many sentences at 2–3 as at 20–30 words), so that short
 * dependencies are learned while the long ones are still in the data.
 */
export const LM_KNOBS = {
  attractors: [0, 4],
  lexicon: { animate: 10, inanimate: 10, adjectives: 5, verbs: 5 },
  determiners: "plain",
  distanceDraw: "logUniform",
} as const;

/** Held-out sentences per distance bucket in the lm framing (7 buckets at distances 1–40: 896 sentences). */
export const TEST_PER_BUCKET = 128;

/** The sentence view's tables of an agreement generator. */
function sentenceWords(generator: AgreementGenerator): SentenceWords {
  const lex = generator.lexicon;
  return { vocabulary: generator.vocabulary, otherForm: lex.otherForm, isNoun: lex.isNoun, numberOf: lex.numberOf };
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
  if (config.task === "adding") return addingSource(config, rng, sampleSeed);
  return config.framing === "lm" ? lmSource(config, rng, sampleSeed) : agreementSource(config, rng, sampleSeed);
}

/** The @vanish/datasets options of the lm framing: the preset's structure, distances up to `distance`, {@link LM_KNOBS}. */
export function lmOptions(config: Pick<LabConfig, "preset" | "distance">): AgreementOptions {
  const base = AGREEMENT_PRESETS[config.preset];
  // at most as many attractors as the longest gap holds (3 at distance 12, 4 from distance 13)
  const fit = Math.max(0, maxAttractorsFor(config.distance, base.target === "main" ? base.nesting[0] : 0));
  return {
    preset: config.preset,
    framing: "lm",
    distance: [minDistance(config.preset), config.distance],
    ...LM_KNOBS,
    attractors: [LM_KNOBS.attractors[0], Math.min(LM_KNOBS.attractors[1], fit)],
  };
}

/** Training sentences in a row that may be test sentences before the source gives up (as the CLI's stream does). */
const MAX_SKIPS = 10_000;

/**
 * Language-model agreement (Linzen et al. 2016): `<bos>` + sentence in, sentence + `<eos>` out, cross-entropy at
 * every real step; scored at the verb. The held-out test sets and the read-out batch come from `sampleSeed`, the
 * training stream from `rng`, skipping every sentence of the test sets.
 */
function lmSource(config: LabConfig, rng: Random, sampleSeed: number): TaskSource {
  const options = lmOptions(config);
  const generator = new AgreementGenerator(options);
  const B = config.batchSize;
  const encoder: TokenBatchEncoder = agreementEncoder("lm", B, generator.maxLength);
  const examples: AgreementExample[] = new Array(B);
  const probe: VerbProbe = { steps: new Int32Array(B), correct: new Int32Array(B), wrong: new Int32Array(B) };
  const batch: { ids: Int32Array; batchSize: number; lengths: Int32Array; mask: Float32Array; targets: Int32Array; loss: "all" } = {
    ids: new Int32Array(0),
    batchSize: B,
    lengths: new Int32Array(0),
    mask: new Float32Array(0),
    targets: new Int32Array(0),
    loss: "all",
  };
  const sets = agreementTestSets(sampleSeed, options, { perBucket: TEST_PER_BUCKET });
  const exclude = sets.sentences;
  const testSets: TestBucket[] = sets.byDistance.map((d) => ({ distance: [d.distance[0], d.distance[1]], readout: verbReadout(d.examples) }));
  const readoutRng = new Random(sampleSeed).fork();
  const readoutExamples: AgreementExample[] = [];
  for (let b = 0; b < B; b++) readoutExamples.push(generator.sample(readoutRng, { distance: [config.distance, config.distance], number: (b % 2) as 0 | 1 }));
  const readout = verbReadout(readoutExamples).batch;
  const vocab = generator.vocabulary;
  return {
    kind: "classification",
    inputSize: EMBEDDING_SIZE,
    outputSize: vocab.size,
    vocabSize: vocab.size,
    window: config.distance,
    baseline: Math.log(vocab.size),
    words: sentenceWords(generator),
    framing: "lm",
    probe,
    readout,
    testSets,
    nextBatch() {
      for (let b = 0, skipped = 0; b < B; ) {
        const e = generator.sample(rng);
        if (!exclude.has(e)) {
          examples[b++] = e;
          skipped = 0;
        } else if (++skipped === MAX_SKIPS) {
          throw new RangeError(`taskSource: ${MAX_SKIPS} training sentences in a row were test sentences; the settings allow too few distinct sentences (raise the distance)`);
        }
      }
      const t = encodeAgreement(examples, { encoder });
      batch.ids = t.ids;
      batch.lengths = t.lengths;
      batch.mask = t.mask;
      batch.targets = t.targets!;
      verbProbe(t.meta, probe);
      return batch;
    },
    samples(count) {
      const sampleRng = new Random(sampleSeed);
      const views: SampleView[] = [];
      const batches: SequenceBatch[] = [];
      const probes: VerbProbe[] = [];
      const distances = spread(Math.max(2, minDistance(config.preset)), config.distance, count);
      for (let i = 0; i < count; i++) {
        const e = generator.sample(sampleRng, { number: (i % 2) as 0 | 1, distance: [distances[i], distances[i]] });
        views.push(agreementView(e, vocab.decode.bind(vocab), "lm"));
        const one = verbReadout([e]);
        batches.push(one.batch);
        probes.push(one.probe);
      }
      return { views, batches, probes };
    },
  };
}

/** `count` integers spread geometrically from `lo` to `hi` (both included), e.g. 2, 5, 15, 40. */
export function spread(lo: number, hi: number, count: number): number[] {
  if (count === 1 || hi <= lo) return new Array<number>(count).fill(Math.max(lo, hi));
  return Array.from({ length: count }, (_, i) => Math.round(lo * (hi / lo) ** (i / (count - 1))));
}

function agreementView(e: AgreementExample, decode: (ids: ArrayLike<number>) => string[], framing: "number" | "lm"): SampleView {
  const [correct, wrong] = decode([e.meta.correct, e.meta.wrong]);
  return {
    kind: "agreement",
    framing,
    words: decode(e.sentence),
    subject: e.meta.subject,
    verb: e.meta.verb,
    number: e.meta.number,
    distance: e.meta.distance,
    attractors: e.meta.attractors,
    correct,
    wrong,
  };
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
    words: sentenceWords(generator),
    framing: "number",
    probe: null,
    readout: null,
    testSets: [],
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
        views.push(agreementView(e, vocab.decode.bind(vocab), "number"));
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
    framing: null,
    probe: null,
    readout: null,
    testSets: [],
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
