// tanh and the logistic sigmoid over float32 matrices, four lanes at a time (WebAssembly SIMD).
//
// These are the pointwise work of a recurrent step once its GEMMs are fast: in a vanilla tanh RNN (B32, H64,
// T50, float32) Math.tanh took a third of a training step on the wasm GEMM backend. Each function applies the
// activation to a rows×cols block, after adding an optional bias row: y[r·ldy + c] = f(x[r·ldx + c] + bias[c]);
// x and y may be the same block (in place). Pointers are byte offsets into the imported memory (bias 0 means no
// bias: the arena never allocates below byte 1024); leading dimensions are in elements.
//
// Accuracy (checked against Math.tanh and the stable logistic over a dense grid by src/backend/activations.test.ts):
// within a few float32 ulps, and within 2.5e-7 absolute, everywhere.

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

/**
 * exp(x) in each lane (Cephes' expf): x = n·ln 2 + r with |r| ≤ ½ln 2 (ln 2 split in two parts, so r is exact),
 * exp(r) by a degree-7 polynomial, and 2ⁿ built in the exponent bits. x is clamped to [−87, 88], where 2ⁿ is a
 * normal float (exp(−87) ≈ 1.6e-38; the callers never need less). n is rounded with the 1.5·2²³ trick: adding it
 * leaves round(x·log₂e) in the low mantissa bits, which also gives n as an integer without a conversion.
 * pmin/pmax (one instruction each on x86) instead of min/max (NaN-exact, seven): a NaN still comes out NaN.
 */
// @ts-ignore: decorator
@inline function exp4(x: v128): v128 {
  x = f32x4.pmax(f32x4.pmin(x, f32x4.splat(88.0)), f32x4.splat(-87.0));
  const t = f32x4.add(f32x4.mul(x, f32x4.splat(1.44269504088896341)), f32x4.splat(12582912.0));
  const n = f32x4.sub(t, f32x4.splat(12582912.0));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  p = f32x4.add(f32x4.add(f32x4.mul(p, f32x4.mul(r, r)), r), f32x4.splat(1.0));
  // 2ⁿ: the bits of t are 0x4B400000 + n; n + 127 goes into the exponent field.
  const scale = i32x4.shl(i32x4.add(t, i32x4.splat(127 - 0x4b400000)), 23);
  return f32x4.mul(p, scale);
}

/**
 * tanh in each lane. For |x| < 0.625 a rational minimax approximation x·P(x²)/Q(x²) (Eigen's, as used by
 * TensorFlow), accurate relative to small results (and x itself below 0.0004); otherwise 1 − 2/(exp(2|x|) + 1) with the sign put back, which
 * keeps the absolute error near saturation at the level of exp's (|x| is clamped to 10, where tanh rounds to 1).
 * Both branches are computed for every lane and share one division.
 */
// @ts-ignore: decorator
@inline function tanh4(x: v128): v128 {
  const ax = f32x4.abs(x);
  const isSmall = f32x4.lt(ax, f32x4.splat(0.625));
  const x2 = f32x4.mul(x, x);
  let p = f32x4.splat(-2.76076847742355e-16);
  p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(2.00018790482477e-13));
  p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(-8.60467152213735e-11));
  p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(5.12229709037114e-8));
  p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(1.48572235717979e-5));
  p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(6.37261928875436e-4));
  p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(4.89352455891786e-3));
  p = f32x4.mul(p, x);
  let q = f32x4.splat(1.19825839466702e-6);
  q = f32x4.add(f32x4.mul(q, x2), f32x4.splat(1.18534705686654e-4));
  q = f32x4.add(f32x4.mul(q, x2), f32x4.splat(2.26843463243900e-3));
  q = f32x4.add(f32x4.mul(q, x2), f32x4.splat(4.89352518554385e-3));
  const e = exp4(f32x4.mul(f32x4.pmin(ax, f32x4.splat(10.0)), f32x4.splat(2.0)));
  // small: p/q; large: 2/(e + 1), then 1 − that with the sign bit of x.
  const d = f32x4.div(v128.bitselect(p, f32x4.splat(2.0), isSmall), v128.bitselect(q, f32x4.add(e, f32x4.splat(1.0)), isSmall));
  const large = v128.or(f32x4.sub(f32x4.splat(1.0), d), v128.and(x, i32x4.splat(0x80000000)));
  // Below 0.0004, tanh(x) = x − x³/3 rounds to x (the cubic term is under one ulp): return x itself.
  return v128.bitselect(x, v128.bitselect(d, large, isSmall), f32x4.lt(ax, f32x4.splat(0.0004)));
}

/** The logistic function in each lane, in the form without cancellation: 1/(1+e) for x ≥ 0, e/(1+e) for x < 0, e = exp(−|x|). */
// @ts-ignore: decorator
@inline function sigmoid4(x: v128): v128 {
  const e = exp4(f32x4.neg(f32x4.abs(x)));
  const s = f32x4.div(f32x4.splat(1.0), f32x4.add(f32x4.splat(1.0), e));
  return v128.bitselect(f32x4.mul(e, s), s, f32x4.lt(x, f32x4.splat(0.0)));
}
