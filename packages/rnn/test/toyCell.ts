// A cell that exists only for test/toyCell.test.ts: the softsign RNN h_t = s(a), s(a) = a / (1 + |a|), with
// a = x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh. It is written exactly as a new cell in src/cells/ would be: the
// pointwise kernels, then the record. s′(a) = 1 / (1 + |a|)² = (1 − |h|)², so the backward reads h only.
import { abs, add, div, type TypedArray } from "@vanish/core";
import type { Cell } from "../src/cells/Cell";

/** h[r, j] = s(a[r, j] + bias[j]) for n dense rows of H. */
export function softsignForwardStep(n: number, H: number, a: TypedArray, aOff: number, bias: TypedArray, h: TypedArray, hOff: number): void {
  for (let k = 0; k < n * H; k++) {
    const v = a[aOff + k] + bias[k % H];
    h[hOff + k] = v / (1 + Math.abs(v));
  }
}

/** dG[r, j] = dh[r, j]·(1 − |h[r, j]|)²; `h` rows are `hStride` apart (0: every row reads one example). */
export function softsignBackwardStep(n: number, H: number, h: TypedArray, hOff: number, hStride: number, dh: TypedArray, dhOff: number, dG: TypedArray, dGOff: number): void {
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < H; j++) {
      const s = 1 - Math.abs(h[hOff + r * hStride + j]);
      dG[dGOff + r * H + j] = dh[dhOff + r * H + j] * s * s;
    }
  }
}

export const softsignCell: Cell = {
  gates: ["h"],
  cellState: false,
  separateRecurrent: false,
  omega: false,
  forgetGate: null,
  forwardStep(buf, biases, t, B, H) {
    softsignForwardStep(B, H, buf.gates, t * B * H, biases.sum, buf.hs, (t + 1) * B * H);
  },
  backwardStep(buf, t, B, H) {
    softsignBackwardStep(B, H, buf.hs, (t + 1) * B * H, H, buf.dH, t * B * H, buf.dG, t * B * H);
  },
  jacobianStep(buf, t, b, B, H, P, rows) {
    softsignBackwardStep(P, H, buf.hs, (t + 1) * B * H + b * H, 0, rows.dh, 0, rows.dG, 0);
  },
  referenceStep(gi, gh, state) {
    const a = add(gi, gh);
    return { h: div(a, add(abs(a), 1)), c: state.c };
  },
};
