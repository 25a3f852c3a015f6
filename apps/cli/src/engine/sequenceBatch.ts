// The one conversion from a @vanish/datasets `TaskBatch` (plain Float32Array/Int32Array data) to a @vanish/rnn
// `SequenceBatch` (tensors of the model's dtype). datasets cannot import rnn, so the apps wire the two: the CLI
// here, and the web lab imports this file too.
import { Tensor, type DType } from "@vanish/core";
import type { TaskBatch } from "@vanish/datasets";
import type { SequenceBatch } from "@vanish/rnn";

/**
 * `b` as an rnn batch: `x` `[T, B, F]`, `lengths`, the loss at `b.targetLayout`, class ids (classification) or a
 * `[B, 1]` tensor (regression), and the mask when every step has a target. Float32 data is wrapped as is; for a
 * float64 model it is copied, into `buffers` (one Float64Array per shape, reused across calls) when given, so a
 * training loop allocates no model-side input arrays.
 */
export function toSequenceBatch(b: TaskBatch, dtype: DType = "float32", buffers?: Map<string, Float64Array>): SequenceBatch {
  const asModel = (src: Float32Array, key: string): Float32Array | Float64Array => {
    if (dtype === "float32") return src;
    let out = buffers?.get(key);
    if (!out || out.length !== src.length) {
      out = new Float64Array(src.length);
      buffers?.set(key, out);
    }
    out.set(src);
    return out;
  };
  const x = new Tensor(asModel(b.inputs, `x${b.T}`), [b.T, b.B, b.F]);
  const loss = b.targetLayout;
  const targets = b.kind === "regression" ? new Tensor(asModel(b.targets as Float32Array, "y"), [b.B, 1]) : (b.targets as Int32Array);
  const batch: SequenceBatch = { x, lengths: b.lengths, loss, targets };
  if (loss === "all") batch.mask = b.mask;
  return batch;
}
