// Property tests (fast-check, fixed seeds): invariants of each strategy over random gradient lists.
import { tensor, type DType, type Tensor } from "@vanish/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  adaptiveGradClip,
  clipByGlobalNorm,
  clipGradBlockRms,
  clipGradNorm,
  clipGradNormPerTensor,
  clipGradValue,
  parseClipSpec,
  type ClipStrategy,
} from "../src/index";
import { flat } from "./helpers";

const RUNS = { seed: 20240611, numRuns: 150 };

interface Layer {
  shape: number[];
  g: number[];
  p: number[];
}

const unit = fc.double({ min: -1, max: 1, noNaN: true });

/** 1–4 tensors (vectors or [rows, cols] matrices) with gradient and parameter values, at one magnitude. */
function modelArb(scales: readonly number[]) {
  return fc.tuple(fc.constantFrom(...scales), fc.integer({ min: 1, max: 4 })).chain(([scale, count]) =>
    fc.array(
      fc
        .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }), fc.boolean())
        .chain(([r, c, vector]) =>
          fc
            .tuple(fc.array(unit, { minLength: r * c, maxLength: r * c }), fc.array(unit, { minLength: r * c, maxLength: r * c }))
            .map(([g, p]): Layer => ({ shape: vector ? [r * c] : [r, c], g: g.map((v) => v * scale), p })),
        ),
      { minLength: count, maxLength: count },
    ),
  );
}

const WIDE = [1e-150, 1e-3, 1, 1e3, 1e150];
const F32 = [1e-3, 1, 1e3];

function tensors(layers: Layer[], key: "g" | "p", dtype: DType = "float64"): Tensor[] {
  return layers.map((l) => tensor(Float64Array.from(l[key]), { shape: l.shape, dtype }));
}

/** Reference p-norms by a plain scaled loop, independent of the kernels. */
function refNorm(values: number[], p: number): number {
  const m = values.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
  if (p === Infinity || m === 0) return m;
  if (p === 1) return values.reduce((a, v) => a + Math.abs(v), 0);
  return m * Math.sqrt(values.reduce((a, v) => a + (v / m) ** 2, 0));
}

describe("global-norm clipping (properties)", () => {
  it("bounds the norm by max·(1 + 1e-12), keeps the direction, returns N and changes nothing below the threshold", () => {
    fc.assert(
      fc.property(modelArb(WIDE), fc.constantFrom(1, 2, Infinity), fc.double({ min: 0, max: 2, noNaN: true }), (layers, p, ratio) => {
        const grads = tensors(layers, "g");
        const before = grads.flatMap(flat);
        const reference = refNorm(before, p);
        const maxNorm = ratio * reference;
        const n = clipGradNorm(grads, maxNorm, { normType: p as 2 });
        expect(Math.abs(n - reference)).toBeLessThanOrEqual(1e-12 * reference);
        const after = grads.flatMap(flat);
        expect(refNorm(after, p)).toBeLessThanOrEqual(maxNorm * (1 + 1e-12));
        // the direction is unchanged: every element scaled by the same factor ≥ 0
        const f = Math.min(maxNorm / (n + 1e-6), 1);
        expect(after).toEqual(before.map((v) => v * f));
        if (n + 1e-6 <= maxNorm) expect(after).toEqual(before);
      }),
      RUNS,
    );
  });

  it("keeps float32 gradients within float32 rounding of the bound", () => {
    fc.assert(
      fc.property(modelArb(F32), fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 2, noNaN: true })), (layers, ratio) => {
        const grads = tensors(layers, "g", "float32");
        const maxNorm = ratio * refNorm(grads.flatMap(flat), 2);
        clipGradNorm(grads, maxNorm);
        expect(refNorm(grads.flatMap(flat), 2)).toBeLessThanOrEqual(maxNorm * (1 + 1e-7));
      }),
      RUNS,
    );
  });

  it("TF clip_by_global_norm and per-tensor / block-RMS clipping respect their bounds", () => {
    fc.assert(
      fc.property(modelArb(WIDE), fc.double({ min: 1e-3, max: 2, noNaN: true }), (layers, ratio) => {
        const reference = refNorm(layers.flatMap((l) => l.g), 2);
        if (reference === 0) return;
        const c = ratio * reference;
        const tf = tensors(layers, "g");
        clipByGlobalNorm(tf, c);
        expect(refNorm(tf.flatMap(flat), 2)).toBeLessThanOrEqual(c * (1 + 1e-12));
        const each = tensors(layers, "g");
        clipGradNormPerTensor(each, c);
        for (const g of each) expect(refNorm(flat(g), 2)).toBeLessThanOrEqual(c * (1 + 1e-12));
        const rms = tensors(layers, "g");
        clipGradBlockRms(rms, c);
        for (const g of rms) expect(refNorm(flat(g), 2) / Math.sqrt(g.size)).toBeLessThanOrEqual(c * (1 + 1e-12));
      }),
      RUNS,
    );
  });
});

describe("value clipping and AGC (properties)", () => {
  it("value clipping bounds every element and leaves those inside alone", () => {
    fc.assert(
      fc.property(modelArb([1]), fc.double({ min: 0, max: 1, noNaN: true }), (layers, c) => {
        const grads = tensors(layers, "g");
        const before = grads.flatMap(flat);
        const changed = clipGradValue(grads, c);
        const after = grads.flatMap(flat);
        expect(changed).toBe(before.filter((v) => Math.abs(v) > c).length);
        after.forEach((v, i) => {
          expect(Math.abs(v)).toBeLessThanOrEqual(c);
          if (Math.abs(before[i]) <= c) expect(v).toBe(before[i]);
        });
      }),
      RUNS,
    );
  });

  it("AGC bounds every unit by λ·max(‖W_i‖, ε) and keeps its direction", () => {
    fc.assert(
      fc.property(modelArb([1e-3, 1, 1e3]), fc.double({ min: 1e-3, max: 1, noNaN: true }), (layers, lambda) => {
        const grads = tensors(layers, "g");
        const params = tensors(layers, "p");
        const before = grads.map(flat);
        adaptiveGradClip(grads, params, { clipping: lambda });
        grads.forEach((g, i) => {
          const rows = g.rank >= 2 ? g.shape[0] : 1;
          const len = g.size / rows;
          const gv = flat(g);
          const pv = flat(params[i]);
          for (let r = 0; r < rows; r++) {
            const unitAfter = gv.slice(r * len, (r + 1) * len);
            const unitBefore = before[i].slice(r * len, (r + 1) * len);
            const bound = lambda * Math.max(refNorm(pv.slice(r * len, (r + 1) * len), 2), 1e-3);
            expect(refNorm(unitAfter, 2)).toBeLessThanOrEqual(bound * (1 + 1e-12));
            if (refNorm(unitBefore, 2) <= bound) expect(unitAfter).toEqual(unitBefore);
            const k = refNorm(unitAfter, 2) / (refNorm(unitBefore, 2) || 1);
            unitAfter.forEach((v, j) => expect(Math.abs(v - unitBefore[j] * k)).toBeLessThanOrEqual(1e-12 * Math.abs(unitBefore[j] * k) + 1e-300));
          }
        });
      }),
      RUNS,
    );
  });
});

/** One spec of every kind (with small warm-ups so adaptive ones act within a few steps). */
const SPECS = [
  "value:0.5",
  "norm:1",
  "norm:1:type=1",
  "norm:1:type=inf",
  "tensornorm:0.7",
  "tfglobalnorm:0.7",
  "blockrms:0.2",
  "agc:0.05",
  "autoclip:25",
  "zclip:warmup=2",
  "error",
  "skip",
  "zeroNans",
  "applyIfFinite:3",
  "zeroNans>agc:0.05>norm:1",
];

describe("every strategy (properties)", () => {
  it("keeps a zero gradient zero and finite", () => {
    fc.assert(
      fc.property(modelArb([1]), fc.constantFrom(...SPECS), (layers, spec) => {
        const s = parseClipSpec(spec);
        const grads = layers.map((l) => tensor(new Float64Array(l.g.length), { shape: l.shape }));
        const params = tensors(layers, "p");
        for (let step = 0; step < 3; step++) {
          const stats = s.apply(grads, { params });
          expect(grads.flatMap(flat).every((v) => v === 0)).toBe(true);
          expect(stats).toMatchObject({ normBefore: 0, normAfter: 0, clipped: false, skip: false, nonFiniteAfter: { nan: 0, posInf: 0, negInf: 0 } });
        }
      }),
      { ...RUNS, numRuns: 60 },
    );
  });

  it("gives the same result in float32 and float64 (within float32 rounding), step after step", () => {
    const steps = [1, 1.3, 0.7, 8];
    fc.assert(
      fc.property(modelArb(F32), fc.constantFrom(...SPECS), (layers, spec) => {
        const rounded = layers.map((l) => ({ ...l, g: l.g.map(Math.fround), p: l.p.map(Math.fround) }));
        const s64 = parseClipSpec(spec);
        const s32 = parseClipSpec(spec);
        for (const k of steps) {
          const scaled = rounded.map((l) => ({ ...l, g: l.g.map((v) => Math.fround(v * k)) }));
          const g64 = tensors(scaled, "g", "float64");
          const g32 = tensors(scaled, "g", "float32");
          const a = s64.apply(g64, { params: tensors(scaled, "p", "float64") });
          const b = s32.apply(g32, { params: tensors(scaled, "p", "float32") });
          expect(b.clipped).toBe(a.clipped);
          expect(b.clippedUnits).toBe(a.clippedUnits);
          g64.forEach((g, i) => {
            const x = flat(g);
            const y = flat(g32[i]);
            // float32 cannot hold magnitudes below its smallest subnormal, 2^-149
            const atol = 1e-6 * x.reduce((m, v) => Math.max(m, Math.abs(v)), 0) + 2 ** -149;
            x.forEach((v, j) => expect(Math.abs(y[j] - v)).toBeLessThanOrEqual(1e-6 * Math.abs(v) + atol));
          });
        }
      }),
      { ...RUNS, numRuns: 100 },
    );
  });

  it("restores stateful strategies exactly from JSON, at any step", () => {
    const stateful = ["autoclip:10:history=5", "autoclip:50", "zclip:warmup=3", "applyIfFinite:100", "skip", "skip>autoclip:50>zclip:warmup=2"];
    const magnitude = fc.oneof({ weight: 6, arbitrary: fc.double({ min: 1e-3, max: 100, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity) });
    fc.assert(
      fc.property(fc.constantFrom(...stateful), fc.array(magnitude, { minLength: 2, maxLength: 14 }), fc.nat(), (spec, norms, cut) => {
        const k = cut % norms.length;
        const a: ClipStrategy = parseClipSpec(spec);
        const grads = (m: number) => [tensor([m, 1, -m / 2], { dtype: "float64" }), tensor([[0.5, m]], { dtype: "float64" })];
        for (const m of norms.slice(0, k)) a.apply(grads(m));
        const b = parseClipSpec(spec);
        b.setState(JSON.parse(JSON.stringify(a.getState())));
        expect(b.getState()).toEqual(a.getState());
        for (const m of norms.slice(k)) {
          const ga = grads(m);
          const gb = grads(m);
          expect(b.apply(gb)).toEqual(a.apply(ga));
          expect(gb.map(flat)).toEqual(ga.map(flat));
        }
        expect(b.getState()).toEqual(a.getState());
      }),
      RUNS,
    );
  });
});
