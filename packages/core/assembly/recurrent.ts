// The pointwise work of LSTM and GRU steps (forward and backward) and the bias-gradient column sums, float32,
// four lanes at a time (WebAssembly SIMD).
//
// Once the GEMMs of a recurrent layer run on wasm, what is left of a float32 LSTM/GRU training step is the
// elementwise arithmetic between them: gate activations and the cell state forward, the gate derivatives
// backward (one pass over [batch, G·hidden] per step), and the column sums that give the bias gradients. Each
// kernel here does one step's pointwise work for n rows in ONE pass, so every value is loaded once and the
// intermediates stay in registers.
//
// Layouts are those of @vanish/rnn's fused path (PyTorch's gate order): gate rows of 4H (LSTM: i, f, g, o) or
// 3H (GRU: r, z, n) elements, state and gradient rows of H elements, all dense (row r of a gate block at
// r·G·H, of a state block at r·H). Pointers are byte offsets into the imported memory. The last H mod 4
// columns of each row go through the same vector code one lane at a time (a splatted scalar), so every element
// gets the same arithmetic wherever it sits.

import { sigmoid4, tanh4 } from "./simdMath";

/** Four lanes from p (vec) or one element splatted (the row tail). */
// @ts-ignore: decorator
@inline function ld(p: usize, vec: bool): v128 {
  return vec ? v128.load(p) : f32x4.splat(load<f32>(p));
}

/** Four lanes to p (vec) or lane 0 only (the row tail). */
// @ts-ignore: decorator
@inline function st(p: usize, v: v128, vec: bool): void {
  if (vec) v128.store(p, v);
  else store<f32>(p, f32x4.extract_lane(v, 0));
}

// @ts-ignore: decorator
@inline function mul(a: v128, b: v128): v128 {
  return f32x4.mul(a, b);
}

// @ts-ignore: decorator
@inline function oneMinus(a: v128): v128 {
  return f32x4.sub(f32x4.splat(1.0), a);
}

// ---------------------------------------------------------------------------------------------------------
// LSTM: i, f, o = σ(·), g = tanh(·), c_t = f⊙c_{t−1} + i⊙g, h_t = o⊙tanh(c_t).

/**
 * One LSTM step forward for n rows: `gates` rows ([4H]) hold x W_ihᵀ + h W_hhᵀ on entry and i, f, g, o on
 * exit, after `bias` ([4H], b_ih + b_hh) is added; writes c_t, tanh(c_t) and h_t ([n, H] each).
 */
export function lstmForwardF32(n: i32, H: i32, gates: usize, bias: usize, cPrev: usize, c: usize, tanhC: usize, h: usize): void {
  const Hb = <usize>H * 4;
  for (let r = 0; r < n; r++) {
    const g0 = gates + <usize>r * 4 * Hb;
    const s = <usize>r * Hb;
    let j: usize = 0;
    // One group of four per iteration: its four gate activations are independent chains already (two groups per
    // iteration measured 31 → 29 µs per B32·H64 step, not worth another inlined copy of the body, ~5 KB).
    for (; j + 16 <= Hb; j += 16) lstmForward4(g0 + j, bias + j, Hb, cPrev + s + j, c + s + j, tanhC + s + j, h + s + j, true);
    for (; j < Hb; j += 4) lstmForward4(g0 + j, bias + j, Hb, cPrev + s + j, c + s + j, tanhC + s + j, h + s + j, false);
  }
}

// @ts-ignore: decorator
@inline function lstmForward4(g: usize, b: usize, Hb: usize, cp: usize, c: usize, tc: usize, h: usize, vec: bool): void {
  const i = sigmoid4(f32x4.add(ld(g, vec), ld(b, vec)));
  const f = sigmoid4(f32x4.add(ld(g + Hb, vec), ld(b + Hb, vec)));
  const gg = tanh4(f32x4.add(ld(g + 2 * Hb, vec), ld(b + 2 * Hb, vec)));
  const o = sigmoid4(f32x4.add(ld(g + 3 * Hb, vec), ld(b + 3 * Hb, vec)));
  st(g, i, vec);
  st(g + Hb, f, vec);
  st(g + 2 * Hb, gg, vec);
  st(g + 3 * Hb, o, vec);
  const ct = f32x4.add(mul(f, ld(cp, vec)), mul(i, gg));
  st(c, ct, vec);
  const t = tanh4(ct);
  st(tc, t, vec);
  st(h, mul(o, t), vec);
}

/**
 * One LSTM step backward for n rows. Reads the step's gates (i, f, g, o), c_{t−1} and tanh(c_t); `dh` is the
 * total dL/dh_t and `dcIn` dL/dc_t through c_{t+1}. Writes the total dL/dc_t to `dcOut` (may be `dcIn`),
 * dL/dc_t⊙f to `dcPrev` (the previous step's dcIn) and dL/d(pre-activation) of i, f, g, o to `dG` ([n, 4H]).
 */
export function lstmBackwardF32(
  n: i32, H: i32, gates: usize, cPrev: usize, tanhC: usize, dh: usize, dcIn: usize, dcOut: usize, dcPrev: usize, dG: usize,
): void {
  const Hb = <usize>H * 4;
  for (let r = 0; r < n; r++) {
    const g0 = gates + <usize>r * 4 * Hb;
    const d0 = dG + <usize>r * 4 * Hb;
    const s = <usize>r * Hb;
    let j: usize = 0;
    for (; j + 16 <= Hb; j += 16) {
      lstmBackward4(g0 + j, Hb, cPrev + s + j, tanhC + s + j, dh + s + j, dcIn + s + j, dcOut + s + j, dcPrev + s + j, d0 + j, true);
    }
    for (; j < Hb; j += 4) {
      lstmBackward4(g0 + j, Hb, cPrev + s + j, tanhC + s + j, dh + s + j, dcIn + s + j, dcOut + s + j, dcPrev + s + j, d0 + j, false);
    }
  }
}

// @ts-ignore: decorator
@inline function lstmBackward4(
  g: usize, Hb: usize, cp: usize, tc: usize, dh: usize, dcIn: usize, dcOut: usize, dcPrev: usize, dg: usize, vec: bool,
): void {
  const i = ld(g, vec);
  const f = ld(g + Hb, vec);
  const gg = ld(g + 2 * Hb, vec);
  const o = ld(g + 3 * Hb, vec);
  const t = ld(tc, vec);
  const d = ld(dh, vec);
  const dc = f32x4.add(ld(dcIn, vec), mul(mul(d, o), oneMinus(mul(t, t))));
  st(dcOut, dc, vec);
  st(dg, mul(mul(mul(dc, gg), i), oneMinus(i)), vec);
  st(dg + Hb, mul(mul(mul(dc, ld(cp, vec)), f), oneMinus(f)), vec);
  st(dg + 2 * Hb, mul(mul(dc, i), oneMinus(mul(gg, gg))), vec);
  st(dg + 3 * Hb, mul(mul(mul(d, t), o), oneMinus(o)), vec);
  st(dcPrev, mul(dc, f), vec);
}

// ---------------------------------------------------------------------------------------------------------
// GRU (reset-after): r = σ(x_r + b_ir + h_r + b_hr), z likewise, n = tanh(x_n + b_in + r⊙(h_n + b_hn)),
// h_t = (1 − z)⊙n + z⊙h_{t−1}.

/**
 * One GRU step forward for n rows: `gi` rows ([3H]) hold x W_ihᵀ on entry and r, z, n on exit; `gh` rows hold
 * h_{t−1} W_hhᵀ on entry and, on exit, their n block holds h_{t−1} W_hnᵀ + b_hn (the backward needs it). The
 * biases `bih`, `bhh` ([3H] each) are added here. Writes h_t ([n, H]).
 */
export function gruForwardF32(n: i32, H: i32, gi: usize, gh: usize, bih: usize, bhh: usize, hPrev: usize, h: usize): void {
  const Hb = <usize>H * 4;
  for (let r = 0; r < n; r++) {
    const a = gi + <usize>r * 3 * Hb;
    const b = gh + <usize>r * 3 * Hb;
    const s = <usize>r * Hb;
    let j: usize = 0;
    // Two groups of four per iteration: a group's σ(r) → tanh(n) chain is long and serial, and with one group per
    // iteration the CPU overlapped too little (B32·H64 step 32 → 25 µs; a σ or tanh loop alone ran 1.6–1.7× faster
    // unrolled so).
    for (; j + 32 <= Hb; j += 32) {
      gruForward4(a + j, b + j, bih + j, bhh + j, Hb, hPrev + s + j, h + s + j, true);
      gruForward4(a + j + 16, b + j + 16, bih + j + 16, bhh + j + 16, Hb, hPrev + s + j + 16, h + s + j + 16, true);
    }
    for (; j + 16 <= Hb; j += 16) gruForward4(a + j, b + j, bih + j, bhh + j, Hb, hPrev + s + j, h + s + j, true);
    for (; j < Hb; j += 4) gruForward4(a + j, b + j, bih + j, bhh + j, Hb, hPrev + s + j, h + s + j, false);
  }
}

// @ts-ignore: decorator
@inline function gruForward4(a: usize, b: usize, bi: usize, bh: usize, Hb: usize, hp: usize, h: usize, vec: bool): void {
  const r = sigmoid4(f32x4.add(f32x4.add(ld(a, vec), ld(b, vec)), f32x4.add(ld(bi, vec), ld(bh, vec))));
  const z = sigmoid4(f32x4.add(f32x4.add(ld(a + Hb, vec), ld(b + Hb, vec)), f32x4.add(ld(bi + Hb, vec), ld(bh + Hb, vec))));
  const hn = f32x4.add(ld(b + 2 * Hb, vec), ld(bh + 2 * Hb, vec));
  const nn = tanh4(f32x4.add(ld(a + 2 * Hb, vec), f32x4.add(ld(bi + 2 * Hb, vec), mul(r, hn))));
  st(b + 2 * Hb, hn, vec);
  st(a, r, vec);
  st(a + Hb, z, vec);
  st(a + 2 * Hb, nn, vec);
  st(h, f32x4.add(mul(oneMinus(z), nn), mul(z, ld(hp, vec))), vec);
}

/**
 * One GRU step backward for n rows. Reads r, z, n (`gates`), the n block of `gh` (h_{t−1} W_hnᵀ + b_hn) and
 * h_{t−1}; `dh` is the total dL/dh_t. Writes dL/d(x-side pre-activations) [r, z, n] to `dGi`, dL/d(h-side
 * pre-activations) [r, z, n⊙r] to `dGh` (both [n, 3H]) and ADDS the direct path z⊙dh to `dhPrev`.
 */
export function gruBackwardF32(n: i32, H: i32, gates: usize, gh: usize, hPrev: usize, dh: usize, dGi: usize, dGh: usize, dhPrev: usize): void {
  const Hb = <usize>H * 4;
  for (let r = 0; r < n; r++) {
    const o = <usize>r * 3 * Hb;
    const s = <usize>r * Hb;
    let j: usize = 0;
    for (; j + 16 <= Hb; j += 16) gruBackward4(gates + o + j, gh + o + j, Hb, hPrev + s + j, dh + s + j, dGi + o + j, dGh + o + j, dhPrev + s + j, true);
    for (; j < Hb; j += 4) gruBackward4(gates + o + j, gh + o + j, Hb, hPrev + s + j, dh + s + j, dGi + o + j, dGh + o + j, dhPrev + s + j, false);
  }
}

// @ts-ignore: decorator
@inline function gruBackward4(g: usize, gh: usize, Hb: usize, hp: usize, dh: usize, dgi: usize, dgh: usize, dhp: usize, vec: bool): void {
  const r = ld(g, vec);
  const z = ld(g + Hb, vec);
  const nn = ld(g + 2 * Hb, vec);
  const d = ld(dh, vec);
  const dn = mul(mul(d, oneMinus(z)), oneMinus(mul(nn, nn)));
  const dz = mul(mul(mul(d, f32x4.sub(ld(hp, vec), nn)), z), oneMinus(z));
  const dr = mul(mul(mul(dn, ld(gh + 2 * Hb, vec)), r), oneMinus(r));
  st(dgi, dr, vec);
  st(dgi + Hb, dz, vec);
  st(dgi + 2 * Hb, dn, vec);
  st(dgh, dr, vec);
  st(dgh + Hb, dz, vec);
  st(dgh + 2 * Hb, mul(dn, r), vec);
  st(dhp, f32x4.add(ld(dhp, vec), mul(d, z)), vec);
}

// ---------------------------------------------------------------------------------------------------------
// Column sums: the bias gradients Σ_t Σ_b dG[t, b, :].

/**
 * out[c] += Σ_r a[r·lda + c] for a rows×cols block. Columns go in strips of 16 (four vector accumulators kept
 * in registers down all rows, so `out` is read and written once), then of 4, then one at a time.
 */
export function columnSumsF32(rows: i32, cols: i32, a: usize, lda: i32, out: usize): void {
  const pitch = <usize>lda * 4;
  let c: i32 = 0;
  for (; c + 16 <= cols; c += 16) {
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
    let p = a + <usize>c * 4;
    for (let r = 0; r < rows; r++, p += pitch) {
      s0 = f32x4.add(s0, v128.load(p));
      s1 = f32x4.add(s1, v128.load(p, 16));
      s2 = f32x4.add(s2, v128.load(p, 32));
      s3 = f32x4.add(s3, v128.load(p, 48));
    }
    const q = out + <usize>c * 4;
    v128.store(q, f32x4.add(v128.load(q), s0));
    v128.store(q, f32x4.add(v128.load(q, 16), s1), 16);
    v128.store(q, f32x4.add(v128.load(q, 32), s2), 32);
    v128.store(q, f32x4.add(v128.load(q, 48), s3), 48);
  }
  for (; c + 4 <= cols; c += 4) {
    let s = f32x4.splat(0);
    let p = a + <usize>c * 4;
    for (let r = 0; r < rows; r++, p += pitch) s = f32x4.add(s, v128.load(p));
    const q = out + <usize>c * 4;
    v128.store(q, f32x4.add(v128.load(q), s));
  }
  for (; c < cols; c++) {
    let s: f32 = 0;
    let p = a + <usize>c * 4;
    for (let r = 0; r < rows; r++, p += pitch) s += load<f32>(p);
    store<f32>(out + <usize>c * 4, load<f32>(out + <usize>c * 4) + s);
  }
}
