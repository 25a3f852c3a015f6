// One training run of the lab: model, task, optimiser and clipping built from a LabConfig, advanced one batch at
// a time. It knows nothing of workers or pages, so the CLI could drive the same steps (and the tests do, in Node).
import { Adam, Random, SGD, Tensor, type Optimizer } from "@vanish/core";
import { getTotalNorm, parseClipSpec, type ClipStrategy } from "@vanish/clipping";
import { NonFiniteStepError, createModel, gateNames, lossAndGrad, spectralRadius, trainStep, type LossAndGradResult, type RecurrentModel, type SequenceBatch, type UpdateStats } from "@vanish/rnn";
import { clipSpec, thresholdIsNorm, type LabConfig } from "../config/labConfig";
import { alignedNorms } from "./alignedNorms";
import { taskSource, type SampleView, type TaskSource } from "./taskSource";
import { countVerbAgreement, type VerbProbe } from "./verbProbe";

/** One optimiser step, as logged (the shape of @vanish/viz's `TrainingRecord`, plus `skipped`). */
export interface StepRecord {
  step: number;
  loss: number;
  /**
   * Fraction of the batch right (agreement only). lm: the verbs whose correct form beat the wrong one, measured on
   * instrumented steps only (the logits of every word would be copied on every step otherwise).
   */
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

/** Verb agreement on the held-out test sets of the lm framing, after `step` training steps. */
export interface Evaluation {
  step: number;
  /** One entry per log-spaced distance bucket, shortest first. */
  buckets: { distance: [number, number]; accuracy: number; count: number }[];
}

/** What an instrumented step measured besides the loss. */
export interface Instruments {
  step: number;
  /**
   * ‖dL/dh_t‖ over the task's window, aligned at the read-out (see `alignedNorms`); index 0 is the earliest step. In
   * the lm framing, of the verb's loss alone on the task's fixed read-out batch, before this step's update.
   */
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
  private readonly sampleProbes: VerbProbe[];
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
      { recurrent: recurrentInit(config), ...(config.cell === "lstm" && config.forgetBias !== null && { forgetBias: config.forgetBias }) },
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
    this.sampleProbes = shown.probes ?? [];
  }

  /** One batch: `@vanish/rnn`'s `trainStep` (forward, backward, non-finite policy, clipping, update), then a check of the weights. `instrument` also measures the gradients' path. */
  trainStep(instrument = false): StepResult {
    const { config } = this;
    const batch = this.source.nextBatch();
    const step = this.step + 1;
    const spectrum = instrument ? this.spectrum() : null;
    const lm = this.source.framing === "lm";
    // lm: the verb's gradient on the fixed read-out batch, before the update (trainStep zeroes the gradients first).
    const probe = instrument && lm ? this.readoutNorms() : null;
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
        ...(instrument && !lm && { record: { hiddenGradNorms: true } }),
        // lm: the logits of every word (T·B·V numbers, copied) only on instrumented steps, for the batch's verb accuracy
        ...(lm && instrument && { returnLogits: true }),
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
    if (lm) {
      if (r.logits) {
        const c = countVerbAgreement(r.logits!.data, r.logitRows!, this.source.outputSize, this.source.probe!);
        record.accuracy = c.seen > 0 ? c.right / c.seen : NaN;
      }
    } else if (this.source.kind === "classification") record.accuracy = r.accuracy;
    const result: StepResult = { record, halted: stopped };
    if (probe) result.instruments = { step, hiddenGradNorms: probe, spectralRadius: spectrum! };
    else if (instrument) {
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

  /** lm: verb agreement on each held-out distance bucket (forward passes only); null for the other tasks. */
  evaluate(): Evaluation | null {
    const sets = this.source.testSets;
    if (sets.length === 0) return null;
    const V = this.source.outputSize;
    return {
      step: this.step,
      buckets: sets.map(({ distance, readout }) => {
        const r = lossAndGrad(this.model, readout.batch, { grad: false, returnLogits: true });
        const c = countVerbAgreement(r.logits!.data, r.logitRows!, V, readout.probe);
        return { distance: [distance[0], distance[1]], accuracy: c.seen > 0 ? c.right / c.seen : NaN, count: c.seen };
      }),
    };
  }

  /** ‖∂L/∂hₜ‖ of the verb's loss on the lm read-out batch, aligned at the verb; leaves no gradient behind. */
  private readoutNorms(): number[] {
    const batch = this.source.readout!;
    this.model.zeroGrad();
    const r = lossAndGrad(this.model, batch, { record: { hiddenGradNorms: true } });
    this.model.zeroGrad();
    alignedNorms(r.layers[0].hiddenGradNorms!.perExample, r.steps, r.batchSize, batch.lengths!, this.source.window, this.aligned);
    return Array.from(this.aligned);
  }

  /** The model's current answer on each shown example (forward passes only). */
  predict(): Prediction[] {
    const { model } = this;
    if (this.source.framing === "lm") {
      return this.sampleBatches.map((batch, i) => {
        const view = this.samples[i] as Extract<SampleView, { kind: "agreement" }>;
        const probe = this.sampleProbes[i];
        // one row of logits: the step that predicts the verb
        const l = lossAndGrad(model, batch, { grad: false, returnLogits: true }).logits!.data;
        // p(correct) between the two forms (a softmax over their two logits), reported as the plural's probability
        const pCorrect = 1 / (1 + Math.exp(l[probe.wrong[0]] - l[probe.correct[0]]));
        return { kind: "agreement", pPlural: view.number === 1 ? pCorrect : 1 - pCorrect };
      });
    }
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
