import type { Tensor, TypedArray } from "@vanish/core";
import { resolveBatch, type ResolvedBatch } from "../batch/resolveBatch";
import type { SequenceBatch } from "../batch/SequenceBatch";
import { cellOf } from "../cells/registry";
import { describe } from "../describe";
import { RecurrentModel } from "../model/RecurrentModel";
import { backwardLayer } from "./backward";
import { embedBackward, embedForward } from "./embedding";
import { forwardLayer } from "./forward";
import { headForwardBackward } from "./head";
import { copyLossRowLogits } from "./logits";
import { fillLossRows } from "./lossRows";
import { applyOmega, checkOmega, type OmegaOptions } from "../instrument/omega";
import { recurrentSpectrum } from "../instrument/spectrum";
import { GRADIENT_RECORDS, checkRecord, recordLayers, stepNorms, type LayerRecord, type RecordOptions, type StepNorms } from "./record";
import { stateTensors, type RecurrentState } from "./state";
import { workspaceFor } from "./Workspace";

export interface LossAndGradOptions {
  /** Compute gradients (default true); false runs the forward pass and the loss only. */
  grad?: boolean;
  /** Instrumentation to return (all off by default, so training runs at full speed). */
  record?: RecordOptions;
  /** Also return the state after the last step (`finalState`), e.g. to carry it into the next batch. */
  returnState?: boolean;
  /** Add Pascanu's Ω with this weight to the objective (vanilla RNN only); see {@link applyOmega}. */
  omega?: OmegaOptions;
  /**
   * Also return the head's output at every loss row (`logits` `[R, O]`, `logitRows` `[R]`), e.g. to score a
   * language model's next-token logits at chosen positions. Off by default: it copies R·O numbers per call.
   */
  returnLogits?: boolean;
  /**
   * Seeds the backward pass with this dL/d(output) instead of the loss's own: `[R·O]`, one row of O numbers per
   * loss row in the order of `logitRows` (R = 1 for one sequence read at one step). The returned loss is still the
   * batch's loss; the gradients are those of Σ_r outputGrad_r · output_r, e.g. of a logit difference z_c − z_w
   * (see {@link decisionSaliency}). Not taken by `truncatedBptt`.
   */
  outputGrad?: ArrayLike<number>;
}

export interface LossAndGradResult {
  /** The mean loss of the batch (see {@link SequenceBatch} for the weighting). */
  loss: number;
  /** Σ w over the loss rows (before normalisation): the weight of this batch in a mean over several. */
  weight: number;
  /** Cross-entropy: the weighted fraction of loss rows whose largest logit is the target; NaN for MSE. */
  accuracy: number;
  /** T and B of the batch. */
  steps: number;
  batchSize: number;
  /** Per layer (index 0 = bottom), what `record` asked for; empty when nothing was asked. */
  layers: LayerRecord[];
  /** With `returnState`: h (and c) after step T − 1, `[L, B, H]`. */
  finalState?: RecurrentState;
  /** With `omega`: Ω of this batch (unweighted) and the objective L + λΩ whose gradient was added. */
  omega?: number;
  objective?: number;
  /**
   * With `returnLogits`: `[R, O]`, the head's output (logits for cross-entropy, predictions for MSE) at each of the
   * R loss rows — every (t, b) for loss `"all"` (padding included), (lengths[b] − 1, b) for `"last"`, the listed
   * steps × B otherwise — in the order of `logitRows`. A fresh copy.
   */
  logits?: Tensor;
  /** With `returnLogits`: `[R]`, the batch position `t·B + b` of each row of `logits`. */
  logitRows?: Int32Array;
  /** With `record.inputGradNorms` (token models): ‖dL/de_t‖ of the embedding vector read at each step. */
  inputGradNorms?: StepNorms;
}

/**
 * The fast path: forward, loss and full backpropagation through time for one batch, fused and hand-derived
 * per cell, on a workspace allocated once per shape and reused. Gradients are ADDED to each parameter's
 * `grad` (as PyTorch accumulates), so zero them between steps (`optimizer.zeroGrad()` or `model.zeroGrad()`).
 *
 * @example
 * const r = lossAndGrad(model, { x, targets: [0, 1, 1, 0] }, { record: { hiddenGradNorms: true } });
 * r.loss;                                // mean cross-entropy from h_T
 * r.layers[0].hiddenGradNorms!.perStep;  // ‖dL/dh_t‖ for t = 0 … T−1
 */
export function lossAndGrad(model: RecurrentModel, batch: SequenceBatch, options: LossAndGradOptions = {}): LossAndGradResult {
  const fn = "lossAndGrad";
  if (!(model instanceof RecurrentModel)) throw new TypeError(`${fn}: model must be a RecurrentModel, got ${describe(model)}`);
  checkOptions(fn, model, options);
  const rb = resolveBatch(fn, model, batch);
  return runWindow(model, rb, 0, rb.T, 0, rb.h0, rb.c0, options);
}

export function checkOptions(fn: string, model: RecurrentModel, options: LossAndGradOptions): void {
  if (!options || typeof options !== "object") throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  const grad = options.grad ?? true;
  if (options.returnLogits !== undefined && typeof options.returnLogits !== "boolean") {
    throw new TypeError(`${fn}: options.returnLogits must be a boolean, got ${describe(options.returnLogits)}`);
  }
  if (options.record !== undefined) {
    const record = checkRecord(fn, options.record);
    const needs = GRADIENT_RECORDS.find((k) => record[k]);
    if (!grad && needs) throw new TypeError(`${fn}: options.record.${needs} needs the backward pass; it cannot be combined with options.grad = false`);
    if (record.inputGradNorms && !model.embedding) {
      throw new TypeError(`${fn}: options.record.inputGradNorms needs a token model (vocabSize); this model reads dense input`);
    }
  }
  if (options.outputGrad !== undefined) {
    const g = options.outputGrad;
    if (g === null || typeof g !== "object" || typeof (g as ArrayLike<number>).length !== "number") {
      throw new TypeError(`${fn}: options.outputGrad must be an array of numbers, got ${describe(g)}`);
    }
    for (let k = 0; k < g.length; k++) {
      if (typeof g[k] !== "number" || !Number.isFinite(g[k])) throw new TypeError(`${fn}: options.outputGrad[${k}] must be a finite number, got ${describe(g[k])}`);
    }
    if (!grad) throw new TypeError(`${fn}: options.outputGrad seeds the backward pass; it cannot be combined with options.grad = false`);
  }
  if (options.omega !== undefined) {
    checkOmega(fn, model, options.omega);
    if (!grad) throw new TypeError(`${fn}: options.omega needs the backward pass; it cannot be combined with options.grad = false`);
  }
}

/**
 * Runs the steps `[start, start + steps)` of a resolved batch from the initial states `h0`/`c0` (`[L, B, H]`,
 * null for zeros), with the loss rows at steps ≥ `lossFrom`. The truncated-BPTT driver calls it per window.
 */
export function runWindow(
  model: RecurrentModel,
  rb: ResolvedBatch,
  start: number,
  steps: number,
  lossFrom: number,
  h0: TypedArray | null,
  c0: TypedArray | null,
  options: LossAndGradOptions,
): LossAndGradResult {
  const grad = options.grad ?? true;
  const { B } = rb;
  const T = steps;
  const L = model.numLayers;
  const H = model.hiddenSize;
  const BH = B * H;
  const ws = workspaceFor(model, model.config, T, B);
  const cellState = cellOf(model.cell).cellState;
  if (grad) model.ensureGrads();
  const spectrum = options.record?.spectrum ? recurrentSpectrum(model) : null;

  let input: TypedArray;
  let inOff: number;
  if (rb.x) {
    input = rb.x;
    inOff = rb.xOffset + start * B * model.inputSize;
  } else {
    embedForward(model.embedding!.data, model.inputSize, rb.ids!, start, T, B, ws.embedded);
    input = ws.embedded;
    inOff = 0;
  }
  const input0 = input;
  const inOff0 = inOff;
  for (let l = 0; l < L; l++) {
    const buf = ws.layers[l];
    if (h0) buf.hs.set(h0.subarray(l * BH, (l + 1) * BH), 0);
    else buf.hs.fill(0, 0, BH);
    if (cellState) {
      if (c0) buf.cs.set(c0.subarray(l * BH, (l + 1) * BH), 0);
      else buf.cs.fill(0, 0, BH);
    }
    forwardLayer(model, ws, l, T, B, input, inOff);
    input = buf.hs;
    inOff = BH;
  }

  const { rows: R, weight } = fillLossRows(ws, rb, start, T, lossFrom);
  const outputGrad = options.outputGrad ?? null;
  if (outputGrad && outputGrad.length !== R * model.outputSize) {
    throw new RangeError(`lossAndGrad: options.outputGrad must have R·O = ${R}·${model.outputSize} = ${R * model.outputSize} entries (one row per loss row), got ${outputGrad.length}`);
  }
  const top = ws.layers[L - 1];
  const head = headForwardBackward(model, ws, R, B, T, top.hs, rb.targets, grad, top.dH, outputGrad);
  // Copied before the backward pass, which may reuse the head's buffers.
  const rowLogits = options.returnLogits ? copyLossRowLogits(model, ws, R, B, start) : null;

  if (grad) {
    for (let l = L - 1; l >= 0; l--) {
      const below = l > 0 ? ws.layers[l - 1] : null;
      const dInput = below ? below.dH : model.embedding ? ws.dEmbedded : null;
      backwardLayer(model, ws, l, T, B, below ? below.hs : input0, below ? BH : inOff0, dInput, 0);
    }
    if (model.embedding) embedBackward(model.embedding.grad!.data, model.inputSize, rb.ids!, start, T, B, ws.dEmbedded);
  }
  const omega = grad && options.omega ? applyOmega(model, ws, T, B, options.omega.weight) : undefined;

  const lengths = start === 0 && T === rb.T ? rb.lengths : null;
  const layers = options.record ? recordLayers(model, ws, T, B, lengths, options.record, spectrum) : [];
  const result: LossAndGradResult = { loss: head.loss, weight, accuracy: head.accuracy, steps: T, batchSize: B, layers };
  if (omega !== undefined) {
    result.omega = omega;
    result.objective = head.loss + options.omega!.weight * omega;
  }
  if (options.returnState) result.finalState = stateTensors(model, ws, T - 1, B);
  if (rowLogits) {
    result.logits = rowLogits.logits;
    result.logitRows = rowLogits.logitRows;
  }
  if (options.record?.inputGradNorms) result.inputGradNorms = stepNorms(ws.dEmbedded, T, B, model.inputSize);
  return result;
}
