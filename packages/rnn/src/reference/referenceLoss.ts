import {
  Tensor,
  add,
  crossEntropy,
  div,
  embedding,
  gather,
  matmul,
  mul,
  reshape,
  slice,
  stack,
  sub,
  sum,
  transpose,
  zeros,
} from "@vanish/core";
import { resolveBatch, type ResolvedBatch } from "../batch/resolveBatch";
import type { SequenceBatch } from "../batch/SequenceBatch";
import { cellOf } from "../cells/registry";
import { describe } from "../describe";
import { RecurrentModel } from "../model/RecurrentModel";

export interface ReferenceOptions {
  /**
   * Add a zero leaf to every h_t (and LSTM c_t) before it is used, so that after `loss.backward()` each leaf's
   * `grad` is the total dL/dh_t — the reference for the fast path's instrumentation.
   */
  probeHidden?: boolean;
  /** Run only the steps `[start, start + steps)` (default the whole sequence). */
  start?: number;
  steps?: number;
  /** Count only loss rows at steps ≥ lossFrom (default `start`). */
  lossFrom?: number;
}

export interface ReferenceResult {
  /** The scalar loss, recorded for autodiff: `loss.backward()` fills the parameters' `grad`. */
  loss: Tensor;
  /** With `probeHidden`: per layer, per step, the `[B, H]` leaf added to h_t. */
  hiddenProbes: Tensor[][];
  /** With `probeHidden` and a cell with a cell state (LSTM): the same for c_t. */
  cellProbes: Tensor[][];
  /** Per layer, per step, the `[B, H]` hidden state h_t (after any probe). */
  hidden: Tensor[][];
  /** Per layer, the `[B, H]` hidden state after the last step (for chaining windows). */
  finalHidden: Tensor[];
  finalCell: Tensor[];
}

/**
 * The reference path: the same model and loss built step by step from @vanish/core's autodiff ops (matmul,
 * add, tanh, sigmoid, split, gather, crossEntropy, …; each cell's step is its record's `referenceStep`), with no
 * fused kernel. Slow and allocation-heavy by
 * design; tests hold the fast path to it and both to central differences.
 */
export function referenceLoss(model: RecurrentModel, batch: SequenceBatch, options: ReferenceOptions = {}): ReferenceResult {
  const fn = "referenceLoss";
  if (!(model instanceof RecurrentModel)) throw new TypeError(`${fn}: model must be a RecurrentModel, got ${describe(model)}`);
  const rb = resolveBatch(fn, model, batch);
  const start = options.start ?? 0;
  const steps = options.steps ?? rb.T - start;
  const lossFrom = options.lossFrom ?? start;
  const { B } = rb;
  const { hiddenSize: H, inputSize: I, numLayers: L, dtype } = model;
  const probe = options.probeHidden ?? false;
  const cell = cellOf(model.cell);
  const hiddenProbes: Tensor[][] = [];
  const cellProbes: Tensor[][] = [];
  const hidden: Tensor[][] = [];
  const finalHidden: Tensor[] = [];
  const finalCell: Tensor[] = [];
  const leaf = (): Tensor => zeros([B, H], { dtype, requiresGrad: true });
  const initial = (s: Tensor | undefined, l: number): Tensor => (s ? reshape(slice(s.detach(), [l, 0, 0], [1, B, H]), [B, H]) : zeros([B, H], { dtype }));

  // Layer 0's inputs, one [B, I] tensor per step.
  let inputs: Tensor[] = [];
  for (let t = start; t < start + steps; t++) {
    if (model.embedding) inputs.push(embedding(model.embedding, Array.from(rb.ids!).slice(t * B, (t + 1) * B)));
    else inputs.push(reshape(slice(batch.x!, [t, 0, 0], [1, B, I]), [B, I]));
  }
  for (let l = 0; l < L; l++) {
    const p = model.layers[l];
    const WihT = transpose(p.weightIh);
    const WhhT = transpose(p.weightHh);
    let h = initial(batch.h0, l);
    let c = initial(batch.c0, l);
    const outs: Tensor[] = [];
    const hp: Tensor[] = [];
    const cp: Tensor[] = [];
    // With probes, a zero leaf is added to c_t before h_t reads it (cells with a cell state).
    const probeCell = probe
      ? (ct: Tensor): Tensor => {
          const z = leaf();
          cp.push(z);
          return add(ct, z);
        }
      : undefined;
    for (const x of inputs) {
      const gi = add(matmul(x, WihT), p.biasIh);
      const gh = add(matmul(h, WhhT), p.biasHh);
      ({ h, c } = cell.referenceStep(gi, gh, { h, c }, probeCell));
      if (probe) {
        const z = leaf();
        hp.push(z);
        h = add(h, z);
      }
      outs.push(h);
    }
    hiddenProbes.push(hp);
    hidden.push(outs);
    cellProbes.push(cp);
    finalHidden.push(h);
    finalCell.push(c);
    inputs = outs;
  }

  // Loss rows: (local step, example, weight, target).
  const rows = referenceRows(rb, start, steps, lossFrom);
  if (rows.index.length === 0) {
    // No loss row in this window: a zero that still reaches every parameter, so backward() runs.
    return { loss: mul(sum(model.headBias), 0), hiddenProbes, cellProbes, hidden, finalHidden, finalCell };
  }
  const all = reshape(stack(inputs), [steps * B, H]);
  const selected = gather(all, rows.index);
  const logits = add(matmul(selected, transpose(model.headWeight)), model.headBias);
  let loss: Tensor;
  if (rb.classes) {
    loss = crossEntropy(logits, rows.target, { mask: rows.weight });
  } else {
    const O = model.outputSize;
    const targetRows = new Tensor(dtype === "float64" ? new Float64Array(rows.index.length * O) : new Float32Array(rows.index.length * O), [rows.index.length, O]);
    rows.target.forEach((k, r) => targetRows.data.set(rb.targets!.subarray(k * O, (k + 1) * O), r * O));
    const d = sub(logits, targetRows);
    const w = new Tensor(dtype === "float64" ? Float64Array.from(rows.weight) : Float32Array.from(rows.weight), [rows.index.length, 1]);
    const total = rows.weight.reduce((a, b) => a + b, 0);
    loss = div(sum(mul(mul(d, d), w)), total > 0 ? total * O : 1);
  }
  return { loss, hiddenProbes, cellProbes, hidden, finalHidden, finalCell };
}

/** The loss rows of a window, written plainly (independently of the fast path's `fillLossRows`). */
function referenceRows(rb: ResolvedBatch, start: number, steps: number, lossFrom: number): { index: number[]; weight: number[]; target: number[] } {
  const { B, T, lossAt, mask, lengths, classes } = rb;
  const positions: [t: number, b: number, w: number, k: number][] = [];
  if (lossAt === "last") for (let b = 0; b < B; b++) positions.push([lengths ? lengths[b] - 1 : T - 1, b, 1, b]);
  else if (lossAt === "all") for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) positions.push([t, b, mask ? mask[t * B + b] : 1, t * B + b]);
  else lossAt.forEach((t, s) => { for (let b = 0; b < B; b++) positions.push([t, b, mask ? mask[t * B + b] : 1, s * B + b]); });
  const kept = positions.filter(([t]) => t >= Math.max(start, lossFrom) && t < start + steps);
  return {
    index: kept.map(([t, b]) => (t - start) * B + b),
    weight: kept.map(([, , w]) => w),
    // Cross-entropy needs a valid id even where the weight is 0; such rows do not count.
    target: kept.map(([, , w, k]) => (classes ? (w > 0 ? classes[k] : 0) : k)),
  };
}
