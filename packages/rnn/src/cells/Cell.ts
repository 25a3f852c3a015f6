import type { Tensor } from "@vanish/core";
import type { LayerBuffers, ProbeRows, StepBiases } from "../fast/LayerBuffers";

/** The state the reference path carries from step to step: h_t, and c_t for a cell with a cell state. */
export interface ReferenceState {
  h: Tensor;
  /** The cell state; for cells without one, the initial zeros, passed along unchanged. */
  c: Tensor;
}

/**
 * Everything the rest of the package knows about one kind of recurrent cell: one record per cell in
 * {@link CELLS} (`registry.ts`), which the fast loops, the workspace, the instrumentation, the reference path
 * and the interchange formats dispatch through. The fast path's time loops do the gemms (x W_ihᵀ, h W_hhᵀ, and
 * their transposes in the backward); a cell's steps do the pointwise part of one step for B rows.
 *
 * Step arguments: `buf` is the layer's workspace buffers, `t` the window-local step, `B` the rows (examples),
 * `H` the hidden size. `fused` is true when the workspace is float32 in core's wasm arena (decided once, by
 * the workspace): a step may then try core's fused kernel (`@vanish/core/kernels`), which returns false when it
 * cannot run, and falls back to its own JavaScript step.
 */
export interface Cell {
  /** Gate blocks in the stacking order of `weight_ih` `[G·H, I]` and `weight_hh` `[G·H, H]` (G = gates.length). */
  readonly gates: readonly string[];
  /** A cell state c_t besides h_t (the LSTM's): `c0` in batches, the `cs`/`tanhC`/`dC`/`dc0` buffers, cell-gradient records. */
  readonly cellState: boolean;
  /**
   * The recurrent projection h_{t−1} W_hhᵀ is kept apart from the input's (into `hp`, not added into `gates`),
   * and the backward gives W_hh its own pre-activation gradient `dGh` (the GRU, whose reset gate scales only
   * the hidden side of n).
   */
  readonly separateRecurrent: boolean;
  /** Pascanu's Ω is defined (one gate, h_t = act(pre-activation): the vanilla RNN). */
  readonly omega: boolean;
  /** The gate block that `init.forgetBias` writes (the LSTM's f), or null. */
  readonly forgetGate: number | null;

  /**
   * Forward, step t: `buf.gates` row t holds x_t W_ihᵀ (+ h_{t−1} W_hhᵀ unless `separateRecurrent`, which
   * puts that in `buf.hp`) without biases; writes h_t (row t + 1 of `buf.hs`) and whatever the backward needs.
   */
  forwardStep(buf: LayerBuffers, biases: StepBiases, t: number, B: number, H: number, fused: boolean): void;
  /**
   * Backward, step t: `buf.dH` row t holds the total dL/dh_t; writes dL/d(pre-activation) to `buf.dG` row t
   * (and `buf.dGh`), and may ADD a direct path into dL/dh_{t−1} (`buf.dH` row t − 1, or `buf.dh0` at t = 0,
   * which the loop zeroes first). The loop then adds (dGh or dG)_t W_hh to the same row.
   */
  backwardStep(buf: LayerBuffers, t: number, B: number, H: number, fused: boolean): void;
  /**
   * The backward step for P probe rows that all read example b's activations at step t (row stride 0): the
   * vector–Jacobian products of `jacobianNorms`. Same contract as `backwardStep`, on {@link ProbeRows}.
   */
  jacobianStep(buf: LayerBuffers, t: number, b: number, B: number, H: number, P: number, rows: ProbeRows): void;
  /**
   * The same step from core's autodiff ops, for the reference path: `gi` = x W_ihᵀ + b_ih and
   * `gh` = h_{t−1} W_hhᵀ + b_hh (`[B, G·H]`). `probeCell`, when given, is applied to c_t before h_t reads it.
   */
  referenceStep(gi: Tensor, gh: Tensor, state: ReferenceState, probeCell?: (c: Tensor) => Tensor): ReferenceState;
}
