// One training run of the lab: model, task, optimiser and clipping built from a LabConfig, advanced one batch at
// a time. It knows nothing of workers or pages, so the CLI could drive the same steps (and the tests do, in Node).
import { Adam, Random, SGD, Tensor, type Optimizer } from "@vanish/core";
import { getTotalNorm, parseClipSpec, type ClipStrategy } from "@vanish/clipping";
import { NonFiniteStepError, createModel, gateNames, lossAndGrad, spectralRadius, trainStep, type LossAndGradResult, type RecurrentModel, type SequenceBatch, type UpdateStats } from "@vanish/rnn";
import { clipSpec, thresholdIsNorm, type LabConfig } from "../config/labConfig";
import { alignedNorms } from "./alignedNorms";
import { taskSource, type SampleView, type TaskSource } from "./taskSource";

/** One optimiser step, as logged (the shape of @vanish/viz's `TrainingRecord`, plus `skipped`). */
export interface StepRecord {
  step: number;
  loss: number;
  /** Fraction of the batch right (agreement only). */
  accuracy?: number;
  /** Total gradient norm before clipping. */
  gradNorm: number;
  clipped: boolean;
  /** The clip threshold when it bounds the gradient norm, else null. */
  threshold: number | null;
  nonFinite: boolean;
  /** The update was not applied (non-finite policy "skip"). */
  skipped: boolean;
}

/** What an instrumented step measured besides the loss. */
export interface Instruments {
  step: number;
  /** ‖dL/dh_t‖ over the task's window, aligned at the read-out (see `alignedNorms`); index 0 is the earliest step. */
  hiddenGradNorms: number[];
  /** ρ of each gate block of W_hh before this step's update ("h" for a vanilla RNN; i, f, g, o; r, z, n). */
  spectralRadius: { gate: string; value: number }[];
}

/** Where a run turned non-finite, and what was there. */
export interface NonFiniteReport {
  step: number;
  /** "loss" (the forward pass overflowed), "gradients" (the backward pass did), or "weights" (an update did). */
  where: "loss" | "gradients" | "weights";
  loss: number;
  gradNorm: number;
  /** Each parameter holding NaN or ±∞, with the counts. */
  tensors: { name: string; nan: number; inf: number }[];
  /** The policy's decision: the run stops, or the update was skipped. */
  action: "stopped" | "skipped";
}

export interface StepResult {
  record: StepRecord;
  instruments?: Instruments;
  nonFinite?: NonFiniteReport;
  /** True when the run cannot go on (policy "stop", or weights that are no longer finite). */
  halted: boolean;
}

/** The model's answer on one shown example. */
export type Prediction =
  /** Probability the model gives the plural form at the verb. */
  | { kind: "agreement"; pPlural: number }
  | { kind: "adding"; value: number };

/** Spectral radius by power iteration: enough iterations for a stable chart, few enough to run every few steps. */
const SPECTRUM_ITERATIONS = 400;
/** How many shown examples. */
export const SAMPLE_COUNT = 4;

export class Trainer {
  readonly config: LabConfig;
  readonly model: RecurrentModel;
  readonly source: TaskSource;
  readonly samples: SampleView[];
  private readonly sampleBatches: SequenceBatch[];
  private readonly optimizer: Optimizer;
  private readonly strategy: ClipStrategy | null;
  private readonly params: Tensor[];
  private readonly names: string[];
  private readonly aligned: Float64Array;
  private readonly blocks: Tensor[];
  /** Completed steps (updates applied or skipped). */
  step = 0;

  /** The config must be valid (`validateConfig`); every random draw comes from `config.seed`. */
  constructor(config: LabConfig) {
    this.config = config;
    const root = new Random(config.seed);
    const initRng = root.fork();
    const dataRng = root.fork();
    const sampleSeed = root.fork().int(2 ** 31);
    this.source = taskSource(config, dataRng, sampleSeed);
    const s = this.source;
    this.model = createModel(
      { cell: config.cell, inputSize: s.inputSize, hiddenSize: config.hiddenSize, outputSize: s.outputSize, vocabSize: s.vocabSize },
      initRng,
      { recurrent: recurrentInit(config) },
    );
    this.params = this.model.parameters();
    this.names = this.model.namedParameters().map(([n]) => n);
    const lr = config.learningRate;
    this.optimizer = config.optimizer === "sgd" ? new SGD(this.params, { lr }) : new Adam(this.params, { lr });
    const spec = clipSpec(config);
    this.strategy = spec === null ? null : parseClipSpec(spec);
    this.aligned = new Float64Array(s.window);
    const H = config.hiddenSize;
    const w = this.model.layers[0].weightHh.data;
    this.blocks = gateNames(config.cell).map((_, g) => new Tensor(w.subarray(g * H * H, (g + 1) * H * H), [H, H]));
    const shown = s.samples(SAMPLE_COUNT);
    this.samples = shown.views;
    this.sampleBatches = shown.batches;
  }

  /** One batch: `@vanish/rnn`'s `trainStep` (forward, backward, non-finite policy, clipping, update), then a check of the weights. `instrument` also measures the gradients' path. */
  trainStep(instrument = false): StepResult {
    const { config } = this;
    const batch = this.source.nextBatch();
    const step = this.step + 1;
    const spectrum = instrument ? this.spectrum() : null;
    this.step = step;
    let r: LossAndGradResult;
    let u: UpdateStats;
    let stopped = false;
    try {
      const s = trainStep(this.model, batch, {
        optimizer: this.optimizer,
        gradNorm: getTotalNorm,
        transform: this.strategy,
        nonFinite: config.nonFinite === "stop" ? "error" : "skip",
        ...(instrument && { record: { hiddenGradNorms: true } }),
      });
      r = s.last;
      u = s.updates[0];
    } catch (e) {
      if (!(e instanceof NonFiniteStepError)) throw e;
      r = e.result;
      u = e.updates[0];
      stopped = true;
    }
    const record: StepRecord = { step, loss: r.loss, gradNorm: u.gradNormBefore, clipped: u.clipped, threshold: null, nonFinite: u.nonFinite, skipped: u.skipped };
    if (u.transformStats && thresholdIsNorm(config.clip)) record.threshold = u.threshold;
    if (this.source.kind === "classification") record.accuracy = r.accuracy;
    const result: StepResult = { record, halted: stopped };
    if (instrument) {
      const norms = r.layers[0].hiddenGradNorms!;
      const lengths = "lengths" in batch && batch.lengths ? batch.lengths : null;
      alignedNorms(norms.perExample, r.steps, r.batchSize, lengths, this.source.window, this.aligned);
      result.instruments = { step, hiddenGradNorms: Array.from(this.aligned), spectralRadius: spectrum! };
    }
    if (u.nonFinite) {
      // The gradients of a stopped or skipped step are still in param.grad (trainStep zeroes them at the next step).
      result.nonFinite = this.report(step, Number.isFinite(r.loss) ? "gradients" : "loss", r.loss, u.gradNormBefore, this.grads(), stopped ? "stopped" : "skipped");
      return result;
    }
    if (!allFinite(this.params)) {
      record.nonFinite = true;
      result.nonFinite = this.report(step, "weights", r.loss, u.gradNormBefore, this.params, "stopped");
      result.halted = true;
    }
    return result;
  }

  /** The model's current answer on each shown example (forward passes only). */
  predict(): Prediction[] {
    const { model } = this;
    const H = model.hiddenSize;
    const W = model.headWeight.data;
    const bias = model.headBias.data;
    return this.sampleBatches.map((batch) => {
      const r = lossAndGrad(model, batch, { grad: false, returnState: true });
      const h = r.finalState!.h.data; // [1, 1, H]: the top layer's last state
      const logit = (o: number) => {
        let s = bias[o];
        for (let j = 0; j < H; j++) s += W[o * H + j] * h[j];
        return s;
      };
      if (this.source.kind === "regression") return { kind: "adding", value: logit(0) };
      // softmax over [singular, plural], written to stay finite for large logits
      return { kind: "agreement", pPlural: 1 / (1 + Math.exp(logit(0) - logit(1))) };
    });
  }

  private grads(): (Tensor | null)[] {
    return this.params.map((p) => p.grad);
  }

  private spectrum(): { gate: string; value: number }[] {
    const gates = gateNames(this.config.cell);
    return this.blocks.map((block, g) => ({ gate: gates[g], value: spectralRadius(block, { iterations: SPECTRUM_ITERATIONS }) }));
  }

  private report(step: number, where: NonFiniteReport["where"], loss: number, gradNorm: number, tensors: readonly (Tensor | null)[], action: NonFiniteReport["action"]): NonFiniteReport {
    const found: NonFiniteReport["tensors"] = [];
    tensors.forEach((t, i) => {
      if (!t) return;
      let nan = 0;
      let inf = 0;
      const d = t.data;
      for (let k = 0; k < d.length; k++) {
        if (Number.isNaN(d[k])) nan++;
        else if (!Number.isFinite(d[k])) inf++;
      }
      if (nan + inf > 0) found.push({ name: this.names[i], nan, inf });
    });
    return { step, where, loss, gradNorm, tensors: found, action };
  }
}

function recurrentInit(config: LabConfig) {
  const scale = config.recurrentScale;
  switch (config.recurrentInit) {
    case "scaledNormal":
      return { kind: "scaledNormal" as const, scale };
    case "orthogonal":
      return { kind: "orthogonal" as const, gain: scale };
    case "identity":
      return { kind: "identity" as const, scale };
  }
}

function allFinite(params: readonly Tensor[]): boolean {
  for (const p of params) {
    const d = p.data;
    for (let k = 0; k < d.length; k++) if (!Number.isFinite(d[k])) return false;
  }
  return true;
}
