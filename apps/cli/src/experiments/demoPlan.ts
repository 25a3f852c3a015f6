// What `vanish demo` trains: every run of the report as a resolved engine config, for each size. Every setting here
// was chosen by measurement, and the measurements (the designs tried and what each gave) are in apps/cli/README.md,
// "How the agreement experiment was designed"; the report states what this run measured, never these numbers.
import type { CellType } from "@vanish/rnn";
import { resolveRunConfig, type PartialRunConfig, type RunConfig } from "../engine/config";
import type { CliffOptions } from "./cliff/cliffExperiment";

export const DEMO_SIZES = ["quick", "default", "full"] as const;
export type DemoSize = (typeof DEMO_SIZES)[number];

/** The three cells the vanishing experiments compare, the vanilla RNN first (it is the baseline of every gap). */
export const DEMO_CELLS = ["rnn_tanh", "lstm", "gru"] as const satisfies readonly CellType[];
export type DemoCell = (typeof DEMO_CELLS)[number];

/** How the report names each cell. */
export const CELL_LABELS: Readonly<Record<CellType, string>> = { rnn_tanh: "RNN", rnn_relu: "relu RNN", lstm: "LSTM", gru: "GRU" };

/** The clipping strategies of the comparison, in report order; "none" is the unclipped run. */
export const DEMO_STRATEGIES = ["none", "norm:1", "value:0.5", "agc:0.01", "autoclip:10", "zclip"] as const;

export type DemoGroup = "agreement" | "control" | "adding" | "exploding";

/** One training run of the demo. */
export interface DemoJob {
  /** e.g. "agreement/lstm/0", "exploding/norm:1/0". */
  readonly key: string;
  readonly group: DemoGroup;
  readonly cell: CellType;
  /** The clipping spec ("none" for no clipping). */
  readonly clip: string;
  readonly seed: number;
  readonly config: RunConfig;
}

export interface DemoPlan {
  readonly size: DemoSize;
  readonly seeds: readonly number[];
  readonly jobs: readonly DemoJob[];
  readonly cliff: CliffOptions;
}

/** The small lexicon of the agreement runs: learning the words is quick, carrying the number is the hard part. */
const LEXICON = { animate: 10, inanimate: 10, adjectives: 5, verbs: 5 } as const;

/**
 * The agreement experiment (Linzen, Dupoux & Goldberg 2016's language-model framing): the network reads a sentence
 * word by word and predicts the next word at every step; it is scored at the verb, where it must prefer the form that
 * agrees with the subject ("were" over "was"). The subject opens the sentence and its noun is the only word that
 * carries its number: every determiner is "the", and the nouns in the gap are as often of the subject's number as of
 * the other (the datasets' gap rule), so no memory-free shortcut beats chance (the report prints the audit). The
 * distance is drawn log-uniformly from 1–40, so there are as many sentences at distance 1–2 as at 17–32: every cell
 * sees enough short sentences to learn the rule, and the test shows how far it can carry it.
 */
export const DEMO_AGREEMENT = {
  name: "agreement",
  preset: "easy",
  knobs: { framing: "lm", distance: [1, 40], distanceDraw: "logUniform", attractors: [0, 4], lexicon: LEXICON },
} as const;

/** `--full`: the same task with distances to 80, to look for where the gated cells stop carrying the number. */
export const DEMO_AGREEMENT_FULL = {
  ...DEMO_AGREEMENT,
  knobs: { ...DEMO_AGREEMENT.knobs, distance: [1, 80] },
} as const;

/**
 * The control: the same sentences in the number framing — read the words up to the verb and answer one bit,
 * singular or plural (Linzen et al.'s number prediction). With nothing else to learn, a network can devote its whole
 * state to latching that bit, which a tanh RNN can learn (docs/tasks.md#trap calls this task design a trap); the
 * report shows what this run's cells did.
 */
export const DEMO_CONTROL = {
  ...DEMO_AGREEMENT,
  knobs: { ...DEMO_AGREEMENT.knobs, framing: "number" },
} as const;

interface Budget {
  seeds: number[];
  /** The agreement runs' training (the control trains the same way on the number framing of the same task). */
  agreement: PartialRunConfig & { task: typeof DEMO_AGREEMENT | typeof DEMO_AGREEMENT_FULL };
  adding: PartialRunConfig;
  exploding: PartialRunConfig;
  cliff: CliffOptions;
}

/**
 * How every cell trains on agreement: Adam at 0.01 with global-norm clipping at 1 for every cell, so that a gradient
 * spike (an exploding gradient) cannot throw a learning model back to chance and blur the vanishing comparison.
 */
const AGREEMENT_TRAINING = { hiddenSize: 32, embeddingSize: 16, batchSize: 32, logEvery: 10, optimizer: { name: "adam", lr: 0.01 }, clip: "norm:1" } as const;

const BUDGETS: Record<DemoSize, Budget> = {
  // For tests: every run and chart of the report, at a size that takes seconds.
  quick: {
    seeds: [0],
    agreement: { ...AGREEMENT_TRAINING, task: DEMO_AGREEMENT, hiddenSize: 8, embeddingSize: 8, steps: 12, batchSize: 8, evalBatches: 1, logEvery: 4 },
    adding: { task: { name: "adding", knobs: { length: 10 } }, hiddenSize: 8, steps: 12, batchSize: 8, evalBatches: 1, logEvery: 4, optimizer: { name: "adam", lr: 0.003 } },
    exploding: { steps: 12 },
    cliff: { w: [2, 9, 15], b: [-5, 5, 11], steps: 30 },
  },
  default: {
    seeds: [0, 1, 2],
    agreement: { ...AGREEMENT_TRAINING, task: DEMO_AGREEMENT, steps: 2000, evalBatches: 8 },
    adding: { task: { name: "adding", preset: "default" }, hiddenSize: 32, steps: 1500, batchSize: 32, evalBatches: 8, logEvery: 10, optimizer: { name: "adam", lr: 0.003 } },
    exploding: { steps: 600 },
    cliff: {},
  },
  full: {
    seeds: [0, 1, 2, 3, 4],
    agreement: { ...AGREEMENT_TRAINING, task: DEMO_AGREEMENT_FULL, steps: 4000, evalBatches: 16 },
    adding: { task: { name: "adding", preset: "default" }, hiddenSize: 32, steps: 2000, batchSize: 32, evalBatches: 16, logEvery: 10, optimizer: { name: "adam", lr: 0.003 } },
    exploding: { steps: 600 },
    cliff: {},
  },
};

/**
 * The exploding setup: a relu RNN whose W_hh ~ N(0, 2²/H) amplifies (spectral radius ≈ 2 > 1/γ = 1, Pascanu et al.
 * 2013; docs/background.md#expected-pictures), plain SGD at lr 0.1 on the adding problem with T = 10, logged at every step.
 * Chosen so that the unclipped run overflows within a few steps (the `error` policy stops it and records the step)
 * while global-norm clipping at 1 trains it; the report states, for each run, what happened.
 */
const EXPLODING: PartialRunConfig = {
  task: { name: "adding", knobs: { length: 10 } },
  cell: "rnn_relu",
  hiddenSize: 32,
  recurrentInit: { kind: "scaledNormal", scale: 2 },
  optimizer: { name: "sgd", lr: 0.1 },
  batchSize: 32,
  evalBatches: 4,
  logEvery: 1,
  nonFinite: "error",
};

/** Every run of the demo at `size`, resolved (so each has its config hash), longest first within each seed. */
export function demoPlan(size: DemoSize = "default"): DemoPlan {
  if (!DEMO_SIZES.includes(size)) throw new TypeError(`demoPlan: size must be one of ${DEMO_SIZES.join(", ")}, got ${JSON.stringify(size)}`);
  const budget = BUDGETS[size];
  const jobs: DemoJob[] = [];
  for (const seed of budget.seeds) {
    for (const group of ["agreement", "control", "adding"] as const) {
      for (const cell of DEMO_CELLS) {
        // The control trains exactly as the agreement runs do, on the number framing of the same sentences.
        const task = budget.agreement.task;
        const base = group === "control" ? { ...budget.agreement, task: { ...task, knobs: { ...task.knobs, framing: DEMO_CONTROL.knobs.framing } } } : budget[group];
        // The LSTM's forget gates start open (bias 1, Jozefowicz et al. 2015) on agreement; PyTorch's init elsewhere.
        const forgetBias = cell === "lstm" && group !== "adding" ? 1 : null;
        const config = resolveRunConfig({ ...base, cell, seed, forgetBias });
        jobs.push({ key: `${group}/${cell}/${seed}`, group, cell, clip: config.clip, seed, config });
      }
    }
    for (const clip of DEMO_STRATEGIES) {
      const config = resolveRunConfig({ ...EXPLODING, ...budget.exploding, clip, seed });
      jobs.push({ key: `exploding/${clip}/${seed}`, group: "exploding", cell: "rnn_relu", clip, seed, config });
    }
  }
  return { size, seeds: budget.seeds, jobs, cliff: budget.cliff };
}
