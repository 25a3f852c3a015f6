// Lane-wise float32 math for the SIMD kernels (activations.ts, recurrent.ts): exp, tanh and the logistic
// function on f32x4 vectors, inlined into each caller. This file is not re-exported by index.ts, so nothing here
// becomes an export of the module.

/**
 * exp(x) in each lane (Cephes' expf): x = n·ln 2 + r with |r| ≤ ½ln 2 (ln 2 split in two parts, so r is exact),
 * exp(r) by a degree-7 polynomial, and 2ⁿ built in the exponent bits. x is clamped to [−87, 88], where 2ⁿ is a
 * normal float (exp(−87) ≈ 1.6e-38; the callers never need less). n is rounded with the 1.5·2²³ trick: adding it
 * leaves round(x·log₂e) in the low mantissa bits, which also gives n as an integer without a conversion.
 * pmin/pmax (one instruction each on x86) instead of min/max (NaN-exact, seven): a NaN still comes out NaN.
 */
// @ts-ignore: decorator
@inline export function exp4(x: v128): v128 {
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
@inline export function tanh4(x: v128): v128 {
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
@inline export function sigmoid4(x: v128): v128 {
  const e = exp4(f32x4.neg(f32x4.abs(x)));
  const s = f32x4.div(f32x4.splat(1.0), f32x4.add(f32x4.splat(1.0), e));
  return v128.bitselect(f32x4.mul(e, s), s, f32x4.lt(x, f32x4.splat(0.0)));
}
