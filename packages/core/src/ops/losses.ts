import { needsGrad, record } from "../autograd";
import { allocate } from "../dtype";
import { fmt } from "../shape";
import { Tensor } from "../tensor/Tensor";
import { assertSameDType, assertTensor } from "../tensor/assertions";
import { mean, sum } from "./reduce";
import { mul, sub } from "./arithmetic";

export type Reduction = "mean" | "sum" | "none";

export interface CrossEntropyOptions {
  /**
   * Per-row weights `[N]` (1 = counts, 0 = padding). With `reduction: "mean"` the loss is
   * Σ mask·loss / Σ mask, as PyTorch's `ignore_index` averaging does; an all-zero mask gives 0.
   */
  mask?: ArrayLike<number>;
  reduction?: Reduction;
}

/**
 * Softmax cross-entropy of `logits` `[N, C]` against integer class ids `targets` (length N), with a fused,
 * stable forward and backward (softmax − one-hot).
 *
 * @example
 * crossEntropy(tensor([[2, 0], [0, 2]]), [0, 1]).item(); // 0.12692801104297252 (float32: 0.126928)
 */
export function crossEntropy(logits: Tensor, targets: ArrayLike<number>, options: CrossEntropyOptions = {}): Tensor {
  const fn = "crossEntropy";
  assertTensor(fn, "logits", logits);
  if (logits.rank !== 2) throw new RangeError(`${fn}: logits must be 2-D [batch, classes], got ${fmt(logits.shape)}`);
  const [N, C] = logits.shape;
  if (!targets || typeof (targets as ArrayLike<number>).length !== "number") {
    throw new TypeError(`${fn}: targets must be an array of class ids, got ${String(targets)}`);
  }
  if (targets.length !== N) throw new RangeError(`${fn}: targets must have length ${N} (logits.shape[0]), got ${targets.length}`);
  for (let i = 0; i < N; i++) {
    const t = targets[i];
    if (!Number.isInteger(t) || t < 0 || t >= C) {
      throw new RangeError(`${fn}: targets[${i}] must be an integer class id in [0, ${C - 1}], got ${t}`);
    }
  }
  const mask = options.mask;
  if (mask !== undefined) {
    if (mask.length !== N) throw new RangeError(`${fn}: options.mask must have length ${N}, got ${mask.length}`);
    for (let i = 0; i < N; i++) {
      if (!(mask[i] >= 0 && mask[i] < Infinity)) throw new RangeError(`${fn}: options.mask[${i}] must be finite and >= 0, got ${mask[i]}`);
    }
  }
  const reduction = options.reduction ?? "mean";
  if (reduction !== "mean" && reduction !== "sum" && reduction !== "none") {
    throw new TypeError(`${fn}: options.reduction must be "mean", "sum" or "none", got ${JSON.stringify(reduction)}`);
  }
  const x = logits.contiguous();
  const probs = allocate(logits.dtype, N * C);
  const rowLoss = allocate(logits.dtype, N);
  let total = 0;
  let weight = 0;
  for (let i = 0; i < N; i++) {
    const o = x.offset + i * C;
    let m = -Infinity;
    for (let c = 0; c < C; c++) if (x.data[o + c] > m) m = x.data[o + c];
    let acc = 0;
    for (let c = 0; c < C; c++) {
      const e = Math.exp(x.data[o + c] - m);
      probs[i * C + c] = e;
      acc += e;
    }
    for (let c = 0; c < C; c++) probs[i * C + c] /= acc;
    const w = mask ? mask[i] : 1;
    const l = m + Math.log(acc) - x.data[o + targets[i]];
    rowLoss[i] = w === 0 ? 0 : w * l;
    total += rowLoss[i];
    weight += w;
  }
  const scale = reduction === "mean" ? (weight === 0 ? 0 : 1 / weight) : 1;
  let out: Tensor;
  if (reduction === "none") out = new Tensor(rowLoss, [N]);
  else {
    const d = allocate(logits.dtype, 1);
    d[0] = total * scale;
    out = new Tensor(d, []);
  }
  if (needsGrad(logits)) {
    record(out, "crossEntropy", [logits], (g) => {
      const gc = g.contiguous();
      const gx = allocate(logits.dtype, N * C);
      for (let i = 0; i < N; i++) {
        const w = (mask ? mask[i] : 1) * (reduction === "none" ? gc.data[gc.offset + i] : gc.data[gc.offset] * scale);
        if (w === 0) continue;
        for (let c = 0; c < C; c++) gx[i * C + c] = w * probs[i * C + c];
        gx[i * C + targets[i]] -= w;
      }
      return [new Tensor(gx, logits.shape)];
    });
  }
  return out;
}

/** Mean (or summed) squared error between same-shaped tensors. */
export function mse(prediction: Tensor, target: Tensor, options: { reduction?: Reduction } = {}): Tensor {
  assertTensor("mse", "prediction", prediction);
  assertTensor("mse", "target", target);
  assertSameDType("mse", prediction, target, ["prediction", "target"]);
  if (prediction.shape.join() !== target.shape.join() || prediction.rank !== target.rank) {
    throw new RangeError(`mse: prediction and target must have the same shape, got ${fmt(prediction.shape)} and ${fmt(target.shape)}`);
  }
  const reduction = options.reduction ?? "mean";
  const d = sub(prediction, target);
  const sq = mul(d, d);
  if (reduction === "none") return sq;
  if (reduction === "sum") return sum(sq);
  if (reduction === "mean") return mean(sq);
  throw new TypeError(`mse: options.reduction must be "mean", "sum" or "none", got ${JSON.stringify(reduction)}`);
}
