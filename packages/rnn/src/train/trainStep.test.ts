import { Random, SGD, type Tensor } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { randomBatch, smallModel } from "../../test/helpers";
import { lossAndGrad } from "../fast/lossAndGrad";
import type { ModelConfig } from "../model/config";
import type { RecurrentModel } from "../model/RecurrentModel";
import { truncatedBptt } from "../truncated/truncatedBptt";
import { NonFiniteStepError, trainStep, type GradientTransform, type GradientTransformStats, type TrainStepOptions } from "./trainStep";

const config: ModelConfig = { cell: "lstm", inputSize: 3, hiddenSize: 4, outputSize: 3, numLayers: 1, dtype: "float64" };
const LR = 0.1;

/** Σ g² over every element, square-rooted (what @vanish/clipping's getTotalNorm computes, up to summation order). */
function l2(grads: readonly (Tensor | null)[]): number {
  let s = 0;
  for (const g of grads) if (g) for (let i = 0; i < g.size; i++) s += g.data[g.offset + i] ** 2;
  return Math.sqrt(s);
}

/** A transform that scales every gradient by `factor` (zeroing NaN and ±Infinity first) and may ask for a skip. */
class FakeTransform implements GradientTransform {
  calls = 0;
  context: unknown;
  constructor(
    readonly factor: number,
    readonly skip = false,
  ) {}
  apply(grads: readonly (Tensor | null)[], context?: unknown): GradientTransformStats {
    this.calls++;
    this.context = context;
    for (const g of grads) {
      if (!g) continue;
      for (let i = 0; i < g.size; i++) {
        const v = g.data[g.offset + i];
        g.data[g.offset + i] = Number.isFinite(v) ? v * this.factor : 0;
      }
    }
    return { normAfter: l2(grads), threshold: 1.5, clipped: this.factor !== 1, skip: this.skip };
  }
}

/** Counts the optimiser's steps (SGD keeps no step count of its own). */
function counted(optimizer: SGD): { steps: number } {
  const c = { steps: 0 };
  const step = optimizer.step.bind(optimizer);
  optimizer.step = () => {
    c.steps++;
    step();
  };
  return c;
}

const weights = (m: RecurrentModel) => m.parameters().map((p) => Array.from(p.data));
const setup = () => {
  const model = smallModel(config, 1);
  return { model, batch: randomBatch(config, 5, 2, new Random(2)), optimizer: new SGD(model.parameters(), { lr: LR }) };
};

/** The same update written out: the gradients of `model`'s batch, scaled, then one SGD step. */
function expectedWeights(model: RecurrentModel, batch: ReturnType<typeof setup>["batch"], scale: number): number[][] {
  const m = model.clone();
  m.ensureGrads();
  lossAndGrad(m, batch);
  return m.parameters().map((p) => Array.from(p.data, (w, i) => w - LR * (scale * p.grad!.data[i])));
}

describe("trainStep", () => {
  it("computes the loss and the gradients, applies the optimiser and reports the gradient norm", () => {
    const { model, batch, optimizer } = setup();
    const want = expectedWeights(model, batch, 1);
    const loss = lossAndGrad(model.clone(), batch, { grad: false }).loss;
    const s = trainStep(model, batch, { optimizer, gradNorm: l2 });
    expect(s.loss).toBe(loss);
    expect(s.updates).toHaveLength(1);
    const u = s.updates[0];
    expect(u).toMatchObject({ loss, threshold: null, clipped: false, nonFinite: false, skipped: false, transformStats: null });
    expect(u.gradNormBefore).toBeGreaterThan(0);
    expect(u.gradNormAfter).toBe(u.gradNormBefore);
    expect(weights(model)).toEqual(want);
    // The gradients the update used stay until the next step, which zeroes them first.
    expect(l2(model.parameters().map((p) => p.grad))).toBe(u.gradNormBefore);
    const again = trainStep(model, batch, { optimizer, gradNorm: l2 });
    expect(again.updates[0].gradNormBefore).toBe(l2(model.parameters().map((p) => p.grad)));
  });

  it("applies the transform between the gradients and the optimiser, with the parameters and their names", () => {
    const { model, batch, optimizer } = setup();
    const want = expectedWeights(model, batch, 0.5);
    const transform = new FakeTransform(0.5);
    const u = trainStep(model, batch, { optimizer, gradNorm: l2, transform }).updates[0];
    expect(transform.calls).toBe(1);
    expect(transform.context).toEqual({ params: model.parameters(), names: model.namedParameters().map(([n]) => n), stream: 0 });
    expect(u).toMatchObject({ threshold: 1.5, clipped: true, skipped: false });
    expect(u.gradNormAfter).toBeCloseTo(u.gradNormBefore / 2, 12);
    expect(u.transformStats).toMatchObject({ threshold: 1.5, clipped: true, skip: false });
    expect(weights(model)).toEqual(want);
  });

  it("skips the update when the transform asks for it", () => {
    const { model, batch, optimizer } = setup();
    const before = weights(model);
    const u = trainStep(model, batch, { optimizer, gradNorm: l2, transform: new FakeTransform(1, true) }).updates[0];
    expect(u).toMatchObject({ skipped: true, nonFinite: false, clipped: false });
    expect(weights(model)).toEqual(before);
  });

  describe("a non-finite loss or gradient", () => {
    /** A model whose head bias is NaN: the loss and every gradient that flows through the head are NaN. */
    const poisoned = () => {
      const s = setup();
      s.model.headBias.data[0] = NaN;
      return s;
    };

    it('"error" (the default) throws before the optimiser runs, naming the loss', () => {
      const { model, batch, optimizer } = poisoned();
      const before = weights(model);
      let caught: unknown;
      try {
        trainStep(model, batch, { optimizer, gradNorm: l2, transform: new FakeTransform(0.5) });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(NonFiniteStepError);
      expect(caught).toBeInstanceOf(RangeError);
      expect((caught as Error).message).toBe('trainStep: the loss is NaN; the nonFinite policy "error" stops here (use "skip", or "transform" with a non-finite policy in the transform)');
      const e = caught as NonFiniteStepError;
      expect(e.updates).toHaveLength(1);
      expect(e.updates[0]).toMatchObject({ nonFinite: true, skipped: false, transformStats: null });
      expect(e.result.loss).toBeNaN();
      expect(weights(model)).toEqual(before);
    });

    it('"skip" skips the update and leaves the gradients for inspection', () => {
      const { model, batch, optimizer } = poisoned();
      const before = weights(model);
      const transform = new FakeTransform(0.5);
      const u = trainStep(model, batch, { optimizer, gradNorm: l2, transform, nonFinite: "skip" }).updates[0];
      expect(u).toMatchObject({ nonFinite: true, skipped: true, clipped: false, threshold: null, transformStats: null });
      expect(u.gradNormBefore).toBeNaN();
      expect(u.gradNormAfter).toBeNaN();
      expect(transform.calls).toBe(0);
      expect(weights(model)).toEqual(before);
      expect(model.headWeight.grad!.data.some((v) => Number.isNaN(v))).toBe(true);
    });

    it('"transform" lets the transform decide: here it zeroes the NaNs and the update goes ahead', () => {
      const { model, batch, optimizer } = poisoned();
      const transform = new FakeTransform(1);
      const c = counted(optimizer);
      const u = trainStep(model, batch, { optimizer, gradNorm: l2, transform, nonFinite: "transform" }).updates[0];
      expect(transform.calls).toBe(1);
      expect(u).toMatchObject({ nonFinite: true, skipped: false });
      expect(Number.isFinite(u.gradNormAfter)).toBe(true);
      expect(c.steps).toBe(1);
    });

    it('"transform": what the transform throws on non-finite gradients stops the step as a NonFiniteStepError', () => {
      const { model, batch, optimizer } = poisoned();
      const before = weights(model);
      const refusing: GradientTransform = {
        apply() {
          throw new RangeError("Refuse.apply: the gradients are not finite");
        },
      };
      let caught: unknown;
      try {
        trainStep(model, batch, { optimizer, gradNorm: l2, transform: refusing, nonFinite: "transform" });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(NonFiniteStepError);
      expect((caught as Error).message).toBe("trainStep: the loss is NaN; the transform stopped the step: Refuse.apply: the gradients are not finite");
      expect(((caught as Error).cause as Error).message).toBe("Refuse.apply: the gradients are not finite");
      expect((caught as NonFiniteStepError).updates[0]).toMatchObject({ nonFinite: true, skipped: false });
      expect(weights(model)).toEqual(before);
      // On finite gradients a transform's error is its own.
      const fine = setup();
      expect(() => trainStep(fine.model, fine.batch, { optimizer: fine.optimizer, gradNorm: l2, transform: refusing, nonFinite: "transform" })).toThrow(
        new RangeError("Refuse.apply: the gradients are not finite"),
      );
    });

    it("a non-finite gradient norm with a finite loss counts too", () => {
      const { model, batch, optimizer } = setup();
      const gradNorm = () => Infinity;
      expect(() => trainStep(model, batch, { optimizer, gradNorm })).toThrow(
        'trainStep: the gradient norm is Infinity; the nonFinite policy "error" stops here (use "skip", or "transform" with a non-finite policy in the transform)',
      );
    });
  });

  it("under truncation updates once per window, after onWindow, exactly as truncatedBptt with the update written out", () => {
    const { model, optimizer } = setup();
    const batch = randomBatch(config, 5, 2, new Random(2), { loss: "all" });
    const twin = model.clone();
    const twinOptimizer = new SGD(twin.parameters(), { lr: LR });
    const manual = truncatedBptt(twin, batch, {
      k1: 2,
      k2: 3,
      onWindow: () => {
        twinOptimizer.step();
        twinOptimizer.zeroGrad();
      },
    });
    const seen: number[] = [];
    const c = counted(optimizer);
    const s = trainStep(model, batch, { optimizer, gradNorm: l2, truncation: { k1: 2, k2: 3 }, onWindow: (w) => seen.push(c.steps, w.index) });
    expect(seen).toEqual([0, 0, 1, 1, 2, 2]);
    expect(s.windows).toHaveLength(3);
    expect(s.updates).toHaveLength(3);
    expect(s.last).toBe(s.windows![2]);
    expect(s.loss).toBe(manual.loss);
    expect(s.updates.map((u) => u.loss)).toEqual(manual.windows.map((w) => w.loss));
    expect(weights(model)).toEqual(weights(twin));
    // With the loss at the last step only, the first two windows have no loss rows and no update.
    const lastOnly = trainStep(model, setup().batch, { optimizer, gradNorm: l2, truncation: { k1: 2, k2: 3 } });
    expect([lastOnly.windows!.map((w) => w.weight), lastOnly.updates.length]).toEqual([[0, 0, 2], 1]);
  });

  it("validates its options", () => {
    const { model, batch, optimizer } = setup();
    const call = (o: unknown) => () => trainStep(model, batch, o as TrainStepOptions);
    expect(call(null)).toThrow(new TypeError("trainStep: options must be an object {optimizer, gradNorm, transform?, nonFinite?, …}, got null"));
    expect(call({ gradNorm: l2 })).toThrow(new TypeError("trainStep: options.optimizer must be an Optimizer (with step and zeroGrad), got undefined"));
    expect(call({ optimizer })).toThrow(new TypeError("trainStep: options.gradNorm must be a function (grads) => number, got undefined"));
    expect(call({ optimizer, gradNorm: l2, transform: {} })).toThrow(new TypeError("trainStep: options.transform must have an apply(grads, context) method, got an object"));
    expect(call({ optimizer, gradNorm: l2, nonFinite: "zero" })).toThrow(new TypeError('trainStep: options.nonFinite must be one of "error", "skip", "transform", got the string "zero"'));
    expect(call({ optimizer, gradNorm: l2, nonFinite: "transform" })).toThrow(
      new TypeError('trainStep: options.nonFinite "transform" needs options.transform (e.g. a clipping chain starting with a non-finite policy), got undefined'),
    );
    expect(() => trainStep({} as RecurrentModel, batch, { optimizer, gradNorm: l2 })).toThrow(new TypeError("trainStep: model must be a RecurrentModel, got an object"));
  });
});
