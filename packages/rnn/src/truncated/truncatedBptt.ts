import type { TypedArray } from "@vanish/core";
import { resolveBatch } from "../batch/resolveBatch";
import type { SequenceBatch } from "../batch/SequenceBatch";
import { cellOf } from "../cells/registry";
import { describe } from "../describe";
import { checkOptions, runWindow, type LossAndGradResult } from "../fast/lossAndGrad";
import type { RecordOptions } from "../fast/record";
import type { OmegaOptions } from "../instrument/omega";
import { copyState, stateTensors, type RecurrentState } from "../fast/state";
import { cachedWorkspace } from "../fast/Workspace";
import { RecurrentModel } from "../model/RecurrentModel";

export interface TruncationOptions {
  /** k1 ≥ 1: steps the forward pass advances between two backward passes (Williams & Peng's h′). */
  k1: number;
  /** k2 ≥ k1: steps each backward pass reaches back (Williams & Peng's h; default k1). */
  k2?: number;
  /**
   * Carry the state across windows (default true): each window starts from the state its first step had in
   * the previous window's forward pass. False starts every window from `batch.h0` (zeros by default).
   */
  stateful?: boolean;
  /** Called after each window's backward pass (gradients are in `param.grad`): step and zero the optimiser here. */
  onWindow?: (window: TruncatedWindow) => void;
  /** Instrumentation per window (see {@link RecordOptions}); steps are window-local. */
  record?: RecordOptions;
  /** Pascanu's Ω per window (vanilla RNN only). */
  omega?: OmegaOptions;
  /** Each window's head output at its own loss rows (`logits`, `logitRows` with batch steps; see `lossAndGrad`). */
  returnLogits?: boolean;
}

/** One backward pass of truncated BPTT. */
export interface TruncatedWindow extends LossAndGradResult {
  /** 0-based index of the window. */
  index: number;
  /** The steps `[start, end)` the window's forward and backward cover (end − start ≤ k2). */
  start: number;
  end: number;
  /** The loss rows counted in this window are those at steps in `[lossFrom, end)` (at most k1 steps). */
  lossFrom: number;
}

export interface TruncatedResult {
  /** Per window: loss (mean over its own rows), weight, accuracy and any recorded data. */
  windows: TruncatedWindow[];
  /** The weighted mean of the window losses (each computed with the weights current at its window). */
  loss: number;
  /** The state after step T − 1, to carry into the next batch (pass it as `h0`/`c0`). */
  finalState: RecurrentState;
}

/**
 * Truncated backpropagation through time, BPTT(k2; k1) in the sense of Williams & Peng (1990): the forward pass
 * advances k1 steps, then the loss rows at those k1 steps are backpropagated k2 steps back (k2 ≥ k1), and
 * `onWindow` runs (typically `optimizer.step(); optimizer.zeroGrad()`). k1 = k2 gives the usual
 * non-overlapping chunks; k1 = k2 = T is full BPTT (one window).
 *
 * Divergence from Williams & Peng, marked: when k2 > k1 the k2 − k1 overlapping steps are recomputed from the
 * state carried at their start, with the current weights; W&P reuse the activations stored when those steps
 * first ran (computed with the weights of that time). With k1 = k2 the two coincide.
 *
 * Each window's loss is the weighted mean over its own rows (as a PyTorch loop calling `loss.backward()` per
 * chunk does), so its gradient is exactly that of the window loss with the window's initial state held
 * constant.
 */
export function truncatedBptt(model: RecurrentModel, batch: SequenceBatch, options: TruncationOptions): TruncatedResult {
  const fn = "truncatedBptt";
  if (!(model instanceof RecurrentModel)) throw new TypeError(`${fn}: model must be a RecurrentModel, got ${describe(model)}`);
  if (!options || typeof options !== "object") throw new TypeError(`${fn}: options must be an object {k1, k2?, stateful?, onWindow?}, got ${describe(options)}`);
  const { k1 } = options;
  if (typeof k1 !== "number" || !Number.isInteger(k1) || k1 < 1) throw new RangeError(`${fn}: options.k1 must be an integer >= 1, got ${describe(k1)}`);
  const k2 = options.k2 ?? k1;
  if (typeof k2 !== "number" || !Number.isInteger(k2) || k2 < k1) {
    throw new RangeError(`${fn}: options.k2 must be an integer >= options.k1 (${k1}), got ${describe(k2)}`);
  }
  if (options.onWindow !== undefined && typeof options.onWindow !== "function") {
    throw new TypeError(`${fn}: options.onWindow must be a function, got ${describe(options.onWindow)}`);
  }
  const stateful = options.stateful ?? true;
  checkOptions(fn, model, { record: options.record, omega: options.omega, returnLogits: options.returnLogits });
  const rb = resolveBatch(fn, model, batch);
  const { T, B } = rb;
  const n = model.numLayers * B * model.hiddenSize;
  const alloc = (): TypedArray => (model.dtype === "float64" ? new Float64Array(n) : new Float32Array(n));
  // The carried state, allocated once per call (never inside the window loop's passes).
  const carryH = alloc();
  const carryC = cellOf(model.cell).cellState ? alloc() : null;

  const windows: TruncatedWindow[] = [];
  let weighted = 0;
  let totalWeight = 0;
  let tau = Math.min(k1, T) - 1;
  let lossFrom = 0;
  let start = Math.max(0, tau - k2 + 1);
  for (let index = 0; ; index++) {
    const fromCarry = stateful && start > 0;
    const r = runWindow(model, rb, start, tau - start + 1, lossFrom, fromCarry ? carryH : rb.h0, fromCarry ? carryC : rb.c0, { record: options.record, omega: options.omega, returnLogits: options.returnLogits });
    const window: TruncatedWindow = { ...r, index, start, end: tau + 1, lossFrom };
    windows.push(window);
    weighted += r.loss * r.weight;
    totalWeight += r.weight;
    const ws = cachedWorkspace(model)!;
    if (tau === T - 1) {
      const finalState = stateTensors(model, ws, tau - start, B);
      options.onWindow?.(window);
      return { windows, loss: totalWeight > 0 ? weighted / totalWeight : 0, finalState };
    }
    const nextTau = Math.min(tau + k1, T - 1);
    const nextStart = Math.max(0, nextTau - k2 + 1);
    // Save the state the next window starts from before anything (even onWindow) reuses the workspace.
    if (stateful && nextStart > 0) copyState(model, ws, nextStart - 1 - start, B, carryH, carryC);
    options.onWindow?.(window);
    lossFrom = tau + 1;
    tau = nextTau;
    start = nextStart;
  }
}
