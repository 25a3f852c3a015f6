import type { TypedArray } from "@vanish/core";

/**
 * One layer's buffers in a {@link Workspace}. Layouts are time-major and dense; "[T+1, B, H]" has the initial
 * state at step 0. A cell's steps (`src/cells/*.ts`) read and write these by name; which of them are non-empty
 * follows from the cell's record (`cellState`, `separateRecurrent`).
 */
export interface LayerBuffers {
  /** `[T+1, B, H]`: h_{−1} (the initial state), then h_0 … h_{T−1}. */
  readonly hs: TypedArray;
  /** Cells with a cell state `[T+1, B, H]`: c_{−1}, c_0 … c_{T−1}; otherwise empty. */
  readonly cs: TypedArray;
  /** Cells with a cell state `[T, B, H]`: tanh(c_t); otherwise empty. */
  readonly tanhC: TypedArray;
  /** `[T, B, G·H]`: pre-activations, overwritten by the gate activations (RNN: pre-activations only). */
  readonly gates: TypedArray;
  /** `separateRecurrent` cells `[T, B, G·H]`: h_{t−1} W_hhᵀ (+ what the cell adds); otherwise empty. */
  readonly hp: TypedArray;
  /** `[T, B, H]`: first the direct gradient from above, then the total dL/dh_t. */
  readonly dH: TypedArray;
  /** Cells with a cell state `[T, B, H]`: the total dL/dc_t; otherwise empty. */
  readonly dC: TypedArray;
  /** `[T, B, G·H]`: dL/d(pre-activation), the input side (for W_ih, b_ih and the layer below). */
  readonly dG: TypedArray;
  /** `separateRecurrent` cells `[T, B, G·H]`: the hidden side (for W_hh, b_hh, h_{t−1}); other cells use `dG`. */
  readonly dGh: TypedArray;
  /** `[B, H]`: dL/dh_{−1}, dL/dc_{−1}. */
  readonly dh0: TypedArray;
  readonly dc0: TypedArray;
  /** `[G·H, H]`: a copy of W_hh made by the forward pass, so that the per-step products read it in the arena. */
  readonly whh: TypedArray;
  /** W_hhᵀ packed for core's `gemmPacked` (`packedLength(dtype, H, G·H)` elements), by the forward pass. */
  readonly whhPacked: TypedArray;
  /** W_hh itself (`[G·H, H]`) packed for the backward's dL/dh_{t−1} = dG_t W_hh (`packedLength(dtype, G·H, H)`). */
  readonly whhPackedBack: TypedArray;
  /** W_ihᵀ packed for the per-step input products (`packedLength(dtype, max(I, H), G·H)`), by the forward pass. */
  readonly wihPacked: TypedArray;
}

/** The biases of the layer being run, copied into the workspace once per call (`[G·H]` each). */
export interface StepBiases {
  /** b_ih + b_hh. */
  readonly sum: TypedArray;
  readonly ih: TypedArray;
  readonly hh: TypedArray;
}

/**
 * The P probe rows a Jacobian step pushes back (`[P, H]`, gate rows `[P, G·H]`), all dense: `dh` holds
 * vᵀ ∂h_end/∂h_t on entry; the step writes `dG` (and `dGh`), may ADD into `dhPrev` (which the loop zeroes
 * first), and a cell with a cell state reads the carried `dc` and writes `dcPrev`. The loop swaps `dh` with
 * `dhPrev` (and `dc` with `dcPrev`) after each step.
 */
export interface ProbeRows {
  dh: TypedArray;
  dhPrev: TypedArray;
  dc: TypedArray;
  dcPrev: TypedArray;
  dG: TypedArray;
  dGh: TypedArray;
}
