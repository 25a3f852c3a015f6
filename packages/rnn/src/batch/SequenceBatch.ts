import type { Tensor } from "@vanish/core";

/** Where the loss is read: at each sequence's last step, at every step, or at the listed steps. */
export type LossAt = "last" | "all" | readonly number[];

/**
 * One batch of sequences, time-major, as `@vanish/datasets` emits them.
 *
 * Input: `x` `[T, B, I]` for a dense model, or `ids` `[T, B]` (flat, `ids[t·B + b]`) for a model with
 * `vocabSize`. Targets decide the loss: class ids → softmax cross-entropy; a Tensor → mean squared error.
 *
 * | `loss` | class ids | MSE Tensor |
 * |---|---|---|
 * | `"last"` (default) | `[B]` | `[B, O]` |
 * | `"all"` | `[T, B]` (flat `t·B + b`, or nested) | `[T, B, O]` |
 * | steps `[s_0, …, s_{S−1}]` | `[S, B]` | `[S, B, O]` |
 *
 * The loss is the weighted mean Σ w·ℓ / Σ w over the rows it reads (cross-entropy per row; squared error
 * averaged over the O outputs too), with w = `mask[t·B + b]` (default 1). With `lengths`, `"last"` reads each
 * example at step `lengths[b] − 1` (the mask is not used there). Class ids at rows of weight 0 are not read,
 * so padding may hold any value.
 */
export interface SequenceBatch {
  /** Dense input `[T, B, I]`, the model's dtype. */
  x?: Tensor;
  /** Token ids `[T, B]`, flat time-major, each in [0, vocabSize). */
  ids?: Int32Array | readonly number[];
  /** B for `ids` (default: `lengths.length`). */
  batchSize?: number;
  /** `[T, B]` weights of each step's loss: 1 counts, 0 is padding (flat, time-major). */
  mask?: ArrayLike<number>;
  /** `[B]` valid steps per example, each in [1, T]. */
  lengths?: ArrayLike<number>;
  /** Where the loss is read (default `"last"`). */
  loss?: LossAt;
  /** Class ids (cross-entropy) or a Tensor (mean squared error); shapes in the table above. */
  targets: ArrayLike<number> | readonly (readonly number[])[] | Tensor;
  /** Initial hidden state `[numLayers, B, H]` (default zeros), as PyTorch's `h_0`. */
  h0?: Tensor;
  /** LSTM only: initial cell state `[numLayers, B, H]` (default zeros), as PyTorch's `c_0`. */
  c0?: Tensor;
}
