// tanh and the logistic sigmoid over float32 matrices, four lanes at a time (WebAssembly SIMD).
//
// These are the pointwise work of a recurrent step once its GEMMs are fast: in a vanilla tanh RNN (B32, H64,
// T50, float32) Math.tanh took a third of a training step on the wasm GEMM backend. Each function applies the
// activation to a rows×cols block, after adding an optional bias row: y[r·ldy + c] = f(x[r·ldx + c] + bias[c]);
// x and y may be the same block (in place). Pointers are byte offsets into the imported memory (bias 0 means no
// bias: the arena never allocates below byte 1024); leading dimensions are in elements.
//
// The lane functions tanh4 and sigmoid4 live in simdMath.ts (the fused LSTM/GRU kernels of recurrent.ts use them too).
//
// Accuracy (checked against Math.tanh and the stable logistic over a dense grid by src/backend/activations.test.ts):
// within a few float32 ulps, and within 2.5e-7 absolute, everywhere.

import { sigmoid4, tanh4 } from "./simdMath";

/** y = tanh(x + bias) for a rows×cols float32 block; `bias` is a row of cols floats, or 0 for none. */
export function tanhF32(rows: i32, cols: i32, x: usize, ldx: i32, y: usize, ldy: i32, bias: usize): void {
  for (let r = 0; r < rows; r++) {
    let px = x + <usize>r * <usize>ldx * 4;
    let py = y + <usize>r * <usize>ldy * 4;
    let pb = bias;
    let c = 0;
    if (bias != 0) {
      for (; c + 4 <= cols; c += 4, px += 16, py += 16, pb += 16) v128.store(py, tanh4(f32x4.add(v128.load(px), v128.load(pb))));
      // The last 1–3 columns go through the same vector code one lane at a time, so every element gets the
      // same arithmetic wherever it sits.
      for (; c < cols; c++, px += 4, py += 4, pb += 4) store<f32>(py, f32x4.extract_lane(tanh4(f32x4.splat(load<f32>(px) + load<f32>(pb))), 0));
    } else {
      for (; c + 4 <= cols; c += 4, px += 16, py += 16) v128.store(py, tanh4(v128.load(px)));
      for (; c < cols; c++, px += 4, py += 4) store<f32>(py, f32x4.extract_lane(tanh4(f32x4.splat(load<f32>(px))), 0));
    }
  }
}

/** y = 1 / (1 + exp(−(x + bias))) for a rows×cols float32 block; `bias` as for tanhF32. */
export function sigmoidF32(rows: i32, cols: i32, x: usize, ldx: i32, y: usize, ldy: i32, bias: usize): void {
  for (let r = 0; r < rows; r++) {
    let px = x + <usize>r * <usize>ldx * 4;
    let py = y + <usize>r * <usize>ldy * 4;
    let pb = bias;
    let c = 0;
    if (bias != 0) {
      for (; c + 4 <= cols; c += 4, px += 16, py += 16, pb += 16) v128.store(py, sigmoid4(f32x4.add(v128.load(px), v128.load(pb))));
      for (; c < cols; c++, px += 4, py += 4, pb += 4) store<f32>(py, f32x4.extract_lane(sigmoid4(f32x4.splat(load<f32>(px) + load<f32>(pb))), 0));
    } else {
      for (; c + 4 <= cols; c += 4, px += 16, py += 16) v128.store(py, sigmoid4(v128.load(px)));
      for (; c < cols; c++, px += 4, py += 4) store<f32>(py, f32x4.extract_lane(sigmoid4(f32x4.splat(load<f32>(px))), 0));
    }
  }
}
