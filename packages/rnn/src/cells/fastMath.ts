// Activation functions for float32 models. Math.tanh and Math.exp are calls out of optimised code into the
// C library (fdlibm); on the benchmark machine a float32 tanh-RNN step spent ~40% of its time in Math.tanh.
// A float32 result needs only ~7 significant digits, which a rational function delivers without any call.

// Eigen's float32 tanh (Eigen/src/Core/MathFunctionsImpl.h, `generic_fast_tanh_float`): tanh(x) ≈ x·P(x²)/Q(x²)
// on |x| < 7.90531110763549805, and ±1 beyond (where the rational function is within 2.4e-7 of 1).
const CLAMP = 7.90531110763549805;
const A1 = 4.89352455891786e-3;
const A3 = 6.37261928875436e-4;
const A5 = 1.48572235717979e-5;
const A7 = 5.12229709037114e-8;
const A9 = -8.60467152213735e-11;
const A11 = 2.00018790482477e-13;
const A13 = -2.76076847742355e-16;
const B0 = 4.89352518554385e-3;
const B2 = 2.26843463243900e-3;
const B4 = 1.18534705686654e-4;
const B6 = 1.19825839466702e-6;

/**
 * tanh for float32 storage: |tanh32(x) − tanh(x)| ≤ 3e-7 for every x (about 2 float32 ulps near ±1), odd,
 * and exactly ±1 for |x| ≥ 7.905. Deliberate divergence from PyTorch: its CPU float32 tanh
 * (SLEEF/vectorised) is a different approximation of the same accuracy class; float64 models use Math.tanh.
 */
export function tanh32(x: number): number {
  if (x >= CLAMP) return 1;
  if (x <= -CLAMP) return -1;
  const x2 = x * x;
  const p = x * ((((((A13 * x2 + A11) * x2 + A9) * x2 + A7) * x2 + A5) * x2 + A3) * x2 + A1);
  const q = ((B6 * x2 + B4) * x2 + B2) * x2 + B0;
  return p / q;
}

/** σ(x) = ½ + ½·tanh(x/2) for float32 storage: absolute error ≤ 1.4e-7. */
export function sigmoid32(x: number): number {
  return 0.5 + 0.5 * tanh32(0.5 * x);
}

/** σ(v) = 1 / (1 + e^−v) for float64 models; saturates to exactly 0 or 1 without NaN for large |v|. */
export function sigmoid64(v: number): number {
  return 1 / (1 + Math.exp(-v));
}
