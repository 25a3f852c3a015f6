import { Tensor, isTensor, type TypedArray } from "@vanish/core";
import { cellOf } from "../cells/registry";
import { describe, fmt } from "../describe";
import type { RecurrentModel } from "../model/RecurrentModel";
import type { SequenceBatch } from "./SequenceBatch";

/** A validated batch in the flat form the kernels read. */
export interface ResolvedBatch {
  readonly T: number;
  readonly B: number;
  /** Dense input data (`[T, B, I]` from `xOffset`), or null for token input. */
  readonly x: TypedArray | null;
  readonly xOffset: number;
  readonly ids: ArrayLike<number> | null;
  /** "last" | "all" | the chosen steps. */
  readonly lossAt: "last" | "all" | Int32Array;
  readonly mask: ArrayLike<number> | null;
  readonly lengths: ArrayLike<number> | null;
  /** Cross-entropy class ids (flat) or null for MSE. */
  readonly classes: ArrayLike<number> | null;
  /** MSE targets, dense `[rows, O]`, or null for cross-entropy. */
  readonly targets: TypedArray | null;
  /** `[L, B, H]` initial states, or null for zeros. */
  readonly h0: TypedArray | null;
  readonly c0: TypedArray | null;
}

function isArrayLike(v: unknown): v is ArrayLike<number> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/** Validates `batch` against `model`; every message names `fn`, the argument, what was expected and what came. */
export function resolveBatch(fn: string, model: RecurrentModel, batch: SequenceBatch): ResolvedBatch {
  if (!batch || typeof batch !== "object") {
    throw new TypeError(`${fn}: batch must be an object {x or ids, targets, …}, got ${describe(batch)}`);
  }
  const { inputSize: I, outputSize: O, dtype } = model;
  let T: number;
  let B: number;
  let x: TypedArray | null = null;
  let xOffset = 0;
  let ids: ArrayLike<number> | null = null;
  if (model.vocabSize === 0) {
    if (batch.ids !== undefined) throw new TypeError(`${fn}: batch.ids needs a model with vocabSize; this model reads dense batch.x [T, B, ${I}]`);
    if (!isTensor(batch.x, fn, "batch.x")) throw new TypeError(`${fn}: batch.x must be a Tensor [T, B, ${I}], got ${describe(batch.x)}`);
    const xt = batch.x;
    if (xt.rank !== 3 || xt.shape[2] !== I) throw new RangeError(`${fn}: batch.x must have shape [T, B, ${I}] (inputSize ${I}), got ${fmt(xt.shape)}`);
    if (xt.dtype !== dtype) throw new TypeError(`${fn}: batch.x must be ${dtype} like the model, got ${xt.dtype}`);
    [T, B] = xt.shape;
    checkNonEmpty(fn, T, B);
    const dense = xt.contiguous();
    x = dense.data;
    xOffset = dense.offset;
    for (let k = 0; k < T * B * I; k++) {
      const v = x[xOffset + k];
      if (!Number.isFinite(v)) {
        const t = Math.floor(k / (B * I));
        const b = Math.floor(k / I) % B;
        throw new RangeError(`${fn}: batch.x must be finite, got ${v} at [${t}, ${b}, ${k % I}]`);
      }
    }
  } else {
    if (batch.x !== undefined) throw new TypeError(`${fn}: this model embeds token ids (vocabSize ${model.vocabSize}); pass batch.ids [T·B], not batch.x`);
    if (!isArrayLike(batch.ids)) throw new TypeError(`${fn}: batch.ids must be an Int32Array or number[] of token ids [T·B], got ${describe(batch.ids)}`);
    ids = batch.ids;
    const b0 = batch.batchSize ?? (isArrayLike(batch.lengths) ? batch.lengths.length : undefined);
    if (b0 === undefined) throw new TypeError(`${fn}: batch.batchSize (or batch.lengths) is needed to read batch.ids as [T, B]`);
    if (!Number.isInteger(b0) || b0 < 0) throw new RangeError(`${fn}: batch.batchSize must be an integer >= 1, got ${describe(b0)}`);
    B = b0;
    if (B === 0) checkNonEmpty(fn, 1, 0);
    if (ids.length % B !== 0) throw new RangeError(`${fn}: batch.ids must hold T·B values with B = ${B}, got ${ids.length} (not a multiple of ${B})`);
    T = ids.length / B;
    checkNonEmpty(fn, T, B);
    const V = model.vocabSize;
    for (let k = 0; k < ids.length; k++) {
      const v = ids[k];
      if (!Number.isInteger(v) || v < 0 || v >= V) {
        throw new RangeError(`${fn}: batch.ids[${k}] (t=${Math.floor(k / B)}, b=${k % B}) must be a token id in [0, ${V - 1}], got ${v}`);
      }
    }
  }

  const lengths = batch.lengths === undefined ? null : checkLengths(fn, batch.lengths, T, B);
  const mask = batch.mask === undefined ? null : checkMask(fn, batch.mask, T, B);
  const lossAt = checkLossAt(fn, batch.loss, T);
  const rows = lossAt === "last" ? B : lossAt === "all" ? T * B : lossAt.length * B;
  const rowShape = lossAt === "last" ? [B] : lossAt === "all" ? [T, B] : [lossAt.length, B];
  const where = lossAt === "last" ? "[B]" : lossAt === "all" ? "[T, B]" : "[S, B] (S = number of loss steps)";

  let classes: ArrayLike<number> | null = null;
  let targets: TypedArray | null = null;
  const tg = batch.targets;
  if (isTensor(tg, fn, "batch.targets")) {
    const shape = [...rowShape, O];
    if (tg.dtype !== dtype) throw new TypeError(`${fn}: batch.targets must be ${dtype} like the model, got ${tg.dtype}`);
    if (tg.rank !== shape.length || tg.shape.some((d, i) => d !== shape[i])) {
      throw new RangeError(`${fn}: batch.targets (MSE, loss ${describeLoss(lossAt)}) must have shape ${fmt(shape)}, got ${fmt(tg.shape)}`);
    }
    const dense = tg.contiguous();
    targets = dense.offset === 0 && dense.data.length === dense.size ? dense.data : dense.clone().data;
    for (let k = 0; k < targets.length; k++) {
      if (!Number.isFinite(targets[k])) throw new RangeError(`${fn}: batch.targets must be finite, got ${targets[k]} at flat index ${k}`);
    }
  } else {
    if (!isArrayLike(tg)) {
      throw new TypeError(`${fn}: batch.targets must be class ids (Int32Array or number[]) or a Tensor for MSE, got ${describe(tg)}`);
    }
    const flat = flatten(fn, tg as ArrayLike<number> | readonly (readonly number[])[], rowShape);
    if (flat.length !== rows) {
      throw new RangeError(`${fn}: batch.targets (loss ${describeLoss(lossAt)}) must hold ${where} = ${rows} class ids, got ${flat.length}`);
    }
    for (let k = 0; k < rows; k++) {
      const w = rowWeight(lossAt, mask, B, k);
      const v = flat[k];
      if (w > 0 && (!Number.isInteger(v) || v < 0 || v >= O)) {
        const at = lossAt === "last" ? "" : ` (t=${lossAt === "all" ? Math.floor(k / B) : lossAt[Math.floor(k / B)]}, b=${k % B})`;
        throw new RangeError(`${fn}: batch.targets[${k}]${at} must be a class id in [0, ${O - 1}], got ${v}`);
      }
    }
    classes = flat;
  }

  const h0 = batch.h0 === undefined ? null : checkState(fn, "batch.h0", batch.h0, model, B);
  let c0: TypedArray | null = null;
  if (batch.c0 !== undefined) {
    if (!cellOf(model.cell).cellState) throw new TypeError(`${fn}: batch.c0 is the LSTM cell state; a ${model.cell} model has none`);
    c0 = checkState(fn, "batch.c0", batch.c0, model, B);
  }
  return { T, B, x, xOffset, ids, lossAt, mask, lengths, classes, targets, h0, c0 };
}

function checkNonEmpty(fn: string, T: number, B: number): void {
  if (T === 0) throw new RangeError(`${fn}: the sequence is empty (T = 0); a batch needs at least one step`);
  if (B === 0) throw new RangeError(`${fn}: the batch is empty (B = 0); a batch needs at least one example`);
}

function describeLoss(lossAt: "last" | "all" | Int32Array): string {
  return typeof lossAt === "string" ? JSON.stringify(lossAt) : `at steps [${Array.from(lossAt).join(",")}]`;
}

function checkLengths(fn: string, lengths: unknown, T: number, B: number): ArrayLike<number> {
  if (!isArrayLike(lengths)) throw new TypeError(`${fn}: batch.lengths must be an Int32Array or number[] [B], got ${describe(lengths)}`);
  if (lengths.length !== B) throw new RangeError(`${fn}: batch.lengths must have B = ${B} entries, got ${lengths.length}`);
  for (let b = 0; b < B; b++) {
    const v = lengths[b];
    if (!Number.isInteger(v) || v < 1 || v > T) {
      throw new RangeError(`${fn}: batch.lengths[${b}] must be an integer in [1, ${T}] (T = ${T}; an empty sequence has no step to learn from), got ${v}`);
    }
  }
  return lengths;
}

function checkMask(fn: string, mask: unknown, T: number, B: number): ArrayLike<number> {
  if (!isArrayLike(mask)) throw new TypeError(`${fn}: batch.mask must be a Float32Array or number[] [T, B] (flat, time-major), got ${describe(mask)}`);
  if (mask.length !== T * B) throw new RangeError(`${fn}: batch.mask must hold T·B = ${T * B} weights (T = ${T}, B = ${B}), got ${mask.length}`);
  for (let k = 0; k < mask.length; k++) {
    const v = mask[k];
    if (!(v >= 0 && v < Infinity)) throw new RangeError(`${fn}: batch.mask[${k}] must be finite and >= 0, got ${v}`);
  }
  return mask;
}

function checkLossAt(fn: string, loss: unknown, T: number): "last" | "all" | Int32Array {
  if (loss === undefined || loss === "last") return "last";
  if (loss === "all") return "all";
  if (!isArrayLike(loss) || typeof loss === "string") {
    throw new TypeError(`${fn}: batch.loss must be "last", "all" or an array of steps, got ${describe(loss)}`);
  }
  if (loss.length === 0) throw new RangeError(`${fn}: batch.loss must list at least one step, got []`);
  const steps = new Int32Array(loss.length);
  for (let k = 0; k < loss.length; k++) {
    const s = loss[k];
    if (!Number.isInteger(s) || s < 0 || s >= T || (k > 0 && s <= steps[k - 1])) {
      throw new RangeError(`${fn}: batch.loss[${k}] must be a step in [0, ${T - 1}] greater than the one before, got ${s}`);
    }
    steps[k] = s;
  }
  return steps;
}

/** The weight of loss row k before normalisation (used to decide which class ids must be valid). */
export function rowWeight(lossAt: "last" | "all" | Int32Array, mask: ArrayLike<number> | null, B: number, k: number): number {
  if (lossAt === "last" || !mask) return 1;
  const t = lossAt === "all" ? Math.floor(k / B) : lossAt[Math.floor(k / B)];
  return mask[t * B + (k % B)];
}

/** Class ids as one flat array: flat input is used as is, nested `[R][B]` arrays are read row by row. */
function flatten(fn: string, v: ArrayLike<number> | readonly (readonly number[])[], rowShape: number[]): ArrayLike<number> {
  if (!Array.isArray(v) || v.length === 0 || !Array.isArray(v[0])) return v as ArrayLike<number>;
  const rows = v as readonly (readonly number[])[];
  const B = rowShape[rowShape.length - 1];
  const out: number[] = [];
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== B) {
      throw new RangeError(`${fn}: batch.targets[${i}] must be an array of B = ${B} class ids, got ${describe(row)}`);
    }
    for (const c of row) out.push(c);
  });
  return out;
}

function checkState(fn: string, arg: string, s: unknown, model: RecurrentModel, B: number): TypedArray {
  const shape = [model.numLayers, B, model.hiddenSize];
  if (!isTensor(s, fn, arg)) throw new TypeError(`${fn}: ${arg} must be a Tensor ${fmt(shape)}, got ${describe(s)}`);
  if (s.dtype !== model.dtype) throw new TypeError(`${fn}: ${arg} must be ${model.dtype} like the model, got ${s.dtype}`);
  if (s.rank !== 3 || s.shape.some((d, i) => d !== shape[i])) {
    throw new RangeError(`${fn}: ${arg} must have shape [numLayers, B, H] = ${fmt(shape)}, got ${fmt(s.shape)}`);
  }
  const data = s.clone().data;
  for (let k = 0; k < data.length; k++) if (!Number.isFinite(data[k])) throw new RangeError(`${fn}: ${arg} must be finite, got ${data[k]} at flat index ${k}`);
  return data;
}
