// One optimiser step of training, the same for every caller (the CLI's runs, the browser lab): loss and gradients
// (full BPTT or truncated) → non-finite policy → any gradient transform (e.g. a @vanish/clipping strategy, taken
// structurally so that rnn never imports clipping) → optimiser → statistics.
import type { Optimizer, Tensor } from "@vanish/core";
import type { SequenceBatch } from "../batch/SequenceBatch";
import { describe } from "../describe";
import { lossAndGrad, type LossAndGradResult } from "../fast/lossAndGrad";
import type { RecordOptions } from "../fast/record";
import { RecurrentModel } from "../model/RecurrentModel";
import { truncatedBptt, type TruncatedWindow } from "../truncated/truncatedBptt";

/** What a gradient transform reports (the fields of @vanish/clipping's `ClipStats` that the step reads). */
export interface GradientTransformStats {
  /** ‖g‖₂ after the transform. */
  normAfter: number;
  /** The bound applied, in the transform's own unit, or null. */
  threshold: number | null;
  /** True when some gradient element was changed. */
  clipped: boolean;
  /** True when the optimiser step must be skipped (clipping's `skip` and `applyIfFinite` policies). */
  skip: boolean;
}

/** Anything that changes the gradients in place before the update, e.g. any @vanish/clipping strategy or chain. */
export interface GradientTransform {
  /**
   * `context.stream` is the update's position in the step: 0 under full BPTT, the window's index (0, 1, …) under
   * truncation, so that a stateful transform (@vanish/clipping's ZClip, AutoClip) can keep statistics per window
   * position instead of pooling the windows' very different norms.
   */
  apply(grads: readonly (Tensor | null)[], context?: { params?: readonly Tensor[]; names?: readonly string[]; stream?: number }): GradientTransformStats;
}

/**
 * What the step does when the loss or the gradient norm is NaN or ±Infinity:
 * - `"error"`: throw a {@link NonFiniteStepError} before the optimiser runs (the weights stay as they were);
 * - `"skip"`: skip the update and report `skipped`;
 * - `"transform"`: hand the gradients to the transform anyway and let it decide, e.g. a @vanish/clipping chain
 *   that starts with `zeroNans` (zero the NaNs and update), `skip`, `error` or `applyIfFinite:N` (skip up to N
 *   non-finite steps in a row, then throw); its `skip` is honoured, and what it throws on non-finite gradients
 *   becomes a {@link NonFiniteStepError} with the transform's error as `cause`. Needs a transform.
 */
export type NonFinitePolicy = "error" | "skip" | "transform";

export const NON_FINITE_POLICIES: readonly NonFinitePolicy[] = ["error", "skip", "transform"];

export interface TrainStepOptions {
  /** The optimiser over `model.parameters()` (in that order). */
  optimizer: Optimizer;
  /** The global gradient norm, e.g. @vanish/clipping's `getTotalNorm` (NaN or Infinity when an element is). */
  gradNorm: (grads: readonly (Tensor | null)[]) => number;
  /** Applied to the gradients before the update (default none). */
  transform?: GradientTransform | null;
  /** Default `"error"`. */
  nonFinite?: NonFinitePolicy;
  /** Truncated BPTT(k2; k1), one update per window with loss rows; default full BPTT (one update). */
  truncation?: { k1: number; k2?: number; stateful?: boolean } | null;
  /** Instrumentation, as `lossAndGrad`'s (per window under truncation). */
  record?: RecordOptions;
  /** Return the head's output at the loss rows, as `lossAndGrad`'s. */
  returnLogits?: boolean;
  /** Truncation only: called with each window after its backward pass and before its update. */
  onWindow?: (window: TruncatedWindow) => void;
}

/** What one update did (one per step under full BPTT, one per window with loss rows under truncation). */
export interface UpdateStats {
  /** The loss whose gradients this update used (the batch's, or the window's). */
  loss: number;
  /** ‖g‖₂ before the transform (NaN or Infinity when some element is). */
  gradNormBefore: number;
  /** ‖g‖₂ after the transform (= before without one; NaN when a non-finite step was not handed to the transform). */
  gradNormAfter: number;
  /** The transform's threshold, or null (no transform, or non-finite). */
  threshold: number | null;
  /** The transform changed some gradient element. */
  clipped: boolean;
  /** The loss or the gradient norm was NaN or ±Infinity. */
  nonFinite: boolean;
  /** No optimiser step was taken (policy `"skip"`, or the transform asked for it). */
  skipped: boolean;
  /** What the transform returned (null without one, or when it did not run). */
  transformStats: GradientTransformStats | null;
}

export interface TrainStepResult {
  /** The batch loss (under truncation, the weighted mean of the window losses). */
  loss: number;
  /** The updates, in order. */
  updates: UpdateStats[];
  /** `lossAndGrad`'s result under full BPTT; under truncation, the last window. */
  last: LossAndGradResult;
  /** Truncation only: every window. */
  windows?: TruncatedWindow[];
}

/**
 * The loss or the gradients were not finite and the step stopped before the optimiser ran: under the `"error"`
 * policy, or under `"transform"` when the transform threw on them (its error is `cause`, e.g. clipping's
 * `NonFiniteGradientError` from an `error` or `applyIfFinite:N` stage).
 */
export class NonFiniteStepError extends RangeError {
  /** The step's updates so far, the last being the non-finite one. */
  readonly updates: UpdateStats[];
  /** The pass whose update failed: `lossAndGrad`'s result, or the window under truncation. */
  readonly result: LossAndGradResult;

  constructor(updates: UpdateStats[], result: LossAndGradResult, cause?: unknown) {
    const u = updates[updates.length - 1];
    const what = Number.isFinite(u.loss) ? `the gradient norm is ${u.gradNormBefore}` : `the loss is ${u.loss}`;
    super(
      cause === undefined
        ? `trainStep: ${what}; the nonFinite policy "error" stops here (use "skip", or "transform" with a non-finite policy in the transform)`
        : `trainStep: ${what}; the transform stopped the step: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause === undefined ? undefined : { cause },
    );
    this.name = "NonFiniteStepError";
    this.updates = updates;
    this.result = result;
  }
}

/** The parameter list, names and gradient list of a model, built once (the gradient list is refreshed per step). */
interface Lists {
  params: Tensor[];
  names: string[];
  grads: (Tensor | null)[];
  context: { params: readonly Tensor[]; names: readonly string[]; stream: number };
}

const listsOf = new WeakMap<RecurrentModel, Lists>();

function lists(model: RecurrentModel): Lists {
  let l = listsOf.get(model);
  if (!l) {
    const named = model.namedParameters();
    const params = named.map(([, t]) => t);
    const names = named.map(([n]) => n);
    l = { params, names, grads: params.map(() => null), context: { params, names, stream: 0 } };
    listsOf.set(model, l);
  }
  return l;
}

/**
 * One optimiser step on one batch: zero the gradients, compute the loss and the gradients, apply the non-finite
 * policy, the transform and the optimiser, and say what happened. Under full BPTT the gradients the update used
 * stay in `param.grad` until the next step (so a caller can inspect a skipped step's); under truncation they are
 * zeroed after each window's update.
 *
 * @example
 * const s = trainStep(model, batch, { optimizer: new Adam(model.parameters(), { lr: 1e-3 }), gradNorm: getTotalNorm, transform: parseClipSpec("norm:1") });
 * s.loss;                      // the batch loss, before the update
 * s.updates[0].gradNormBefore; // ‖g‖₂ before clipping
 * s.updates[0].clipped;        // whether clipping changed the gradients
 */
export function trainStep(model: RecurrentModel, batch: SequenceBatch, options: TrainStepOptions): TrainStepResult {
  const fn = "trainStep";
  if (!(model instanceof RecurrentModel)) throw new TypeError(`${fn}: model must be a RecurrentModel, got ${describe(model)}`);
  checkOptions(fn, options);
  const { optimizer, truncation } = options;
  const l = lists(model);
  const updates: UpdateStats[] = [];
  optimizer.zeroGrad();
  l.context.stream = 0;
  if (!truncation) {
    const r = lossAndGrad(model, batch, { ...(options.record && { record: options.record }), ...(options.returnLogits && { returnLogits: true }) });
    update(l, r, options, updates);
    return { loss: r.loss, updates, last: r };
  }
  const t = truncatedBptt(model, batch, {
    k1: truncation.k1,
    ...(truncation.k2 !== undefined && { k2: truncation.k2 }),
    ...(truncation.stateful !== undefined && { stateful: truncation.stateful }),
    ...(options.record && { record: options.record }),
    ...(options.returnLogits && { returnLogits: true }),
    onWindow: (w) => {
      options.onWindow?.(w);
      // A window without loss rows has no gradient to apply.
      if (w.weight > 0) {
        update(l, w, options, updates);
        optimizer.zeroGrad();
      }
      l.context.stream++;
    },
  });
  return { loss: t.loss, updates, last: t.windows[t.windows.length - 1], windows: t.windows };
}

/** Non-finite policy → transform → optimiser, on the gradients now in `param.grad`. */
function update(l: Lists, r: LossAndGradResult, options: TrainStepOptions, updates: UpdateStats[]): void {
  const loss = r.loss;
  const { grads, params } = l;
  for (let i = 0; i < params.length; i++) grads[i] = params[i].grad;
  const norm = options.gradNorm(grads);
  const s: UpdateStats = { loss, gradNormBefore: norm, gradNormAfter: norm, threshold: null, clipped: false, nonFinite: false, skipped: false, transformStats: null };
  updates.push(s);
  const policy = options.nonFinite ?? "error";
  if (!Number.isFinite(loss) || !Number.isFinite(norm)) {
    s.nonFinite = true;
    if (policy !== "transform") {
      s.gradNormAfter = NaN;
      if (policy === "error") throw new NonFiniteStepError(updates, r);
      s.skipped = true;
      return;
    }
  }
  const transform = options.transform;
  if (transform) {
    let ts: GradientTransformStats;
    try {
      ts = transform.apply(grads, l.context);
    } catch (e) {
      // A transform that refuses non-finite gradients (policy "transform") ends the step like the "error" policy.
      if (s.nonFinite) throw new NonFiniteStepError(updates, r, e);
      throw e;
    }
    s.transformStats = ts;
    s.gradNormAfter = ts.normAfter;
    s.threshold = ts.threshold;
    s.clipped = ts.clipped;
    if (ts.skip) {
      s.skipped = true;
      return;
    }
  }
  options.optimizer.step();
}

function checkOptions(fn: string, options: TrainStepOptions): void {
  if (!options || typeof options !== "object") throw new TypeError(`${fn}: options must be an object {optimizer, gradNorm, transform?, nonFinite?, …}, got ${describe(options)}`);
  const { optimizer, gradNorm, transform, nonFinite } = options;
  if (!optimizer || typeof optimizer.step !== "function" || typeof optimizer.zeroGrad !== "function") {
    throw new TypeError(`${fn}: options.optimizer must be an Optimizer (with step and zeroGrad), got ${describe(optimizer)}`);
  }
  if (typeof gradNorm !== "function") throw new TypeError(`${fn}: options.gradNorm must be a function (grads) => number, got ${describe(gradNorm)}`);
  if (transform != null && typeof transform.apply !== "function") {
    throw new TypeError(`${fn}: options.transform must have an apply(grads, context) method, got ${describe(transform)}`);
  }
  if (nonFinite !== undefined && !NON_FINITE_POLICIES.includes(nonFinite)) {
    throw new TypeError(`${fn}: options.nonFinite must be one of ${NON_FINITE_POLICIES.map((p) => `"${p}"`).join(", ")}, got ${describe(nonFinite)}`);
  }
  if (nonFinite === "transform" && transform == null) {
    throw new TypeError(`${fn}: options.nonFinite "transform" needs options.transform (e.g. a clipping chain starting with a non-finite policy), got ${describe(transform)}`);
  }
}
