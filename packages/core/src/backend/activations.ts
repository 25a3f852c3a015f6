import type { TypedArray } from "../dtype";
import { sigmoidScalar } from "../kernels/elementwise";
import { wasmBackend, type WasmBackend } from "./backend";
import { copyIn, stagingBlock, stagingView } from "./staging";
import { fits } from "./wasmGemm";

/**
 * Pointwise activation kernels for the recurrent cells' gates: Y = f(X + bias) over a rows×cols block, element
 * (r, c) at `xOff + r·ldx + c` and `yOff + r·ldy + c`, with an optional bias row added first (`bias[biasOff + c]`,
 * e.g. b_ih + b_hh of an RNN layer); X and Y may be the same block (in place). Kernels: they trust their
 * arguments.
 *
 * float32 on the wasm backend runs assembly/activations.ts: four lanes at a time, within 4 ulps of Math.tanh
 * and 2 ulps of the logistic function (checked over a dense grid of [−87, 87] by the tests), about 6× faster
 * than the Math.tanh loop measured here. Arrays outside the arena are staged through it like gemm's
 * operands when the block has at least 64 elements. float64, small blocks and the "js" backend use
 * Math.tanh and the stable logistic `sigmoidScalar`, exactly.
 */

/** Blocks with fewer elements stay on JavaScript (the copies would cost more than they save). */
export const ACTIVATION_STAGING_MIN = 64;

/** Y = tanh(X + bias) over a rows×cols block (no bias when `bias` is omitted). */
export function tanhKernel(
  rows: number,
  cols: number,
  X: TypedArray,
  xOff: number,
  ldx: number,
  Y: TypedArray,
  yOff: number,
  ldy: number,
  bias: TypedArray | null = null,
  biasOff = 0,
): void {
  const w = wasmBackend();
  if (w !== null && activationWasm(w, false, rows, cols, X, xOff, ldx, Y, yOff, ldy, bias, biasOff)) return;
  for (let r = 0; r < rows; r++) {
    const x = xOff + r * ldx;
    const y = yOff + r * ldy;
    if (bias === null) for (let c = 0; c < cols; c++) Y[y + c] = Math.tanh(X[x + c]);
    else for (let c = 0; c < cols; c++) Y[y + c] = Math.tanh(X[x + c] + bias[biasOff + c]);
  }
}

/** Y = 1 / (1 + exp(−(X + bias))) over a rows×cols block (no bias when `bias` is omitted). */
export function sigmoidKernel(
  rows: number,
  cols: number,
  X: TypedArray,
  xOff: number,
  ldx: number,
  Y: TypedArray,
  yOff: number,
  ldy: number,
  bias: TypedArray | null = null,
  biasOff = 0,
): void {
  const w = wasmBackend();
  if (w !== null && activationWasm(w, true, rows, cols, X, xOff, ldx, Y, yOff, ldy, bias, biasOff)) return;
  for (let r = 0; r < rows; r++) {
    const x = xOff + r * ldx;
    const y = yOff + r * ldy;
    if (bias === null) for (let c = 0; c < cols; c++) Y[y + c] = sigmoidScalar(X[x + c]);
    else for (let c = 0; c < cols; c++) Y[y + c] = sigmoidScalar(X[x + c] + bias[biasOff + c]);
  }
}

/** Runs the block on wasm (in place in the arena, or staged); false, having done nothing, when it cannot. */
function activationWasm(
  w: WasmBackend,
  sigmoid: boolean,
  rows: number,
  cols: number,
  X: TypedArray,
  xOff: number,
  ldx: number,
  Y: TypedArray,
  yOff: number,
  ldy: number,
  bias: TypedArray | null,
  biasOff: number,
): boolean {
  if (!(X instanceof Float32Array && Y instanceof Float32Array) || rows <= 0 || cols <= 0) return false;
  if (!fits(X, xOff, rows, cols, ldx) || !fits(Y, yOff, rows, cols, ldy)) return false;
  if (bias !== null && !(bias instanceof Float32Array && fits(bias, biasOff, 1, cols, cols))) return false;
  const k = w.kernels;
  const buffer = w.buffer;
  const xIn = X.buffer === buffer;
  const yIn = Y.buffer === buffer;
  const bIn = bias === null || bias.buffer === buffer;
  let px = X.byteOffset + 4 * xOff;
  let py = Y.byteOffset + 4 * yOff;
  // 0 means "no bias" to the kernel: the arena never hands out byte 0.
  let pb = bias === null ? 0 : bias.byteOffset + 4 * biasOff;
  if (xIn && yIn && bIn) {
    if (sigmoid) k.sigmoidF32(rows, cols, px, ldx, py, ldy, pb);
    else k.tanhF32(rows, cols, px, ldx, py, ldy, pb);
    return true;
  }
  if (rows * cols < ACTIVATION_STAGING_MIN) return false;
  // Staged: the spans of X (and the bias) in, the kernel writes Y's span in the staging block, Y's span back. Y
  // is copied in first when its rows have gaps (ldy > cols), so that copying the whole span back leaves the gaps
  // unchanged. Each staged span starts on 64 bytes.
  const round = (n: number) => Math.ceil(n / 16) * 16;
  const xSpan = (rows - 1) * ldx + cols;
  const ySpan = (rows - 1) * ldy + cols;
  const xLen = xIn ? 0 : round(xSpan);
  const bLen = bIn ? 0 : round(cols);
  const block = stagingBlock(4 * (xLen + bLen + (yIn ? 0 : ySpan)), buffer);
  if (block < 0) return false;
  const view = stagingView(false);
  const p = block / 4;
  if (!xIn) {
    copyIn(view, p, X, xOff, xSpan);
    px = 4 * p;
  }
  if (!bIn) {
    copyIn(view, p + xLen, bias!, biasOff, cols);
    pb = 4 * (p + xLen);
  }
  const q = p + xLen + bLen;
  if (!yIn) {
    if (ldy !== cols) copyIn(view, q, Y, yOff, ySpan);
    py = 4 * q;
  }
  if (sigmoid) k.sigmoidF32(rows, cols, px, ldx, py, ldy, pb);
  else k.tanhF32(rows, cols, px, ldx, py, ldy, pb);
  if (!yIn) Y.set(view.subarray(q, q + ySpan), yOff);
  return true;
}
