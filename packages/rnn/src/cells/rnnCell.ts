// The vanilla (Elman) cell, PyTorch's nn.RNN: h_t = act(x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh), act ∈ {tanh, relu}.
// Kernels: plain loops over explicit offsets that trust their arguments; the projections are gemm calls made by
// the time loop, so these only do the pointwise part of one step for n rows. Then the two cell records.
import { add, relu as reluOp, tanh as tanhOp, type TypedArray } from "@vanish/core";
import { tanhKernel } from "@vanish/core/kernels";
import type { Cell } from "./Cell";
import { tanh32 } from "./fastMath";

/**
 * h[r, j] = act(a[r, j] + bias[j]) for n rows of H, where `a` holds both projections and `bias` = b_ih + b_hh.
 * Rows are dense (stride H) in both arrays. A float32 `h` gets {@link tanh32}, a float64 one Math.tanh.
 */
export function rnnForwardStep(relu: boolean, n: number, H: number, a: TypedArray, aOff: number, bias: TypedArray, h: TypedArray, hOff: number): void {
  const f32 = h instanceof Float32Array;
  for (let r = 0; r < n; r++) {
    const ar = aOff + r * H;
    const hr = hOff + r * H;
    if (relu) {
      for (let j = 0; j < H; j++) {
        const v = a[ar + j] + bias[j];
        h[hr + j] = v > 0 ? v : 0;
      }
    } else if (f32) {
      for (let j = 0; j < H; j++) h[hr + j] = tanh32(a[ar + j] + bias[j]);
    } else {
      for (let j = 0; j < H; j++) h[hr + j] = Math.tanh(a[ar + j] + bias[j]);
    }
  }
}

/**
 * dG[r, j] = dh[r, j]·act′ at h[r, j]: 1 − h² for tanh, [h > 0] for relu (PyTorch's choice at the kink, 0).
 * `h` rows are `hStride` apart (H, or 0 to let every row read one example's activations, as the Jacobian
 * probes do); `dh` and `dG` rows are dense.
 */
export function rnnBackwardStep(
  relu: boolean,
  n: number,
  H: number,
  h: TypedArray,
  hOff: number,
  hStride: number,
  dh: TypedArray,
  dhOff: number,
  dG: TypedArray,
  dGOff: number,
): void {
  for (let r = 0; r < n; r++) {
    const hr = hOff + r * hStride;
    const gr = r * H;
    if (relu) {
      for (let j = 0; j < H; j++) dG[dGOff + gr + j] = h[hr + j] > 0 ? dh[dhOff + gr + j] : 0;
    } else {
      for (let j = 0; j < H; j++) {
        const y = h[hr + j];
        dG[dGOff + gr + j] = dh[dhOff + gr + j] * (1 - y * y);
      }
    }
  }
}

/** The vanilla cell's record, act = tanh or relu. */
function vanilla(relu: boolean): Cell {
  return {
    gates: ["h"],
    cellState: false,
    separateRecurrent: false,
    omega: true,
    forgetGate: null,
    forwardStep(buf, biases, t, B, H, fused) {
      const BH = B * H;
      // float32 in the wasm arena: core's SIMD tanh over the [B, H] block, in place (relu has no kernel).
      if (fused && !relu) tanhKernel(B, H, buf.gates, t * BH, H, buf.hs, (t + 1) * BH, H, biases.sum);
      else rnnForwardStep(relu, B, H, buf.gates, t * BH, biases.sum, buf.hs, (t + 1) * BH);
    },
    backwardStep(buf, t, B, H) {
      const BH = B * H;
      rnnBackwardStep(relu, B, H, buf.hs, (t + 1) * BH, H, buf.dH, t * BH, buf.dG, t * BH);
    },
    jacobianStep(buf, t, b, B, H, P, rows) {
      rnnBackwardStep(relu, P, H, buf.hs, (t + 1) * B * H + b * H, 0, rows.dh, 0, rows.dG, 0);
    },
    referenceStep(gi, gh, state) {
      const a = add(gi, gh);
      return { h: relu ? reluOp(a) : tanhOp(a), c: state.c };
    },
  };
}

/** `"rnn_tanh"`: h_t = tanh(x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh) (Elman 1990). */
export const rnnTanhCell: Cell = vanilla(false);

/** `"rnn_relu"`: h_t = relu(…), as PyTorch's `nn.RNN(nonlinearity="relu")` (Le et al. 2015 with identity init). */
export const rnnReluCell: Cell = vanilla(true);
