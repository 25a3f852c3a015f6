import { Random, Tensor, gradcheck, needsGrad, randn, record, type DType } from "@vanish/core";
import { expect } from "vitest";
import { expectClose as sharedExpectClose } from "../../../tooling/testing";
import { RecurrentModel, createModel, lossAndGrad, referenceLoss, type ModelConfig, type SequenceBatch } from "../src/index";

/** The shared tolerance check (tooling/testing.ts) with this package's defaults: rtol 1e-9, atol 1e-12. */
export function expectClose(actual: ArrayLike<number> | number, expected: ArrayLike<number> | number, { rtol = 1e-9, atol = 1e-12 } = {}): void {
  sharedExpectClose(actual, expected, { rtol, atol });
}

/** A seeded dense batch for `config`: x ~ N(0, 1), random class ids for the chosen loss. */
export function randomBatch(
  config: ModelConfig,
  T: number,
  B: number,
  rng: Random,
  extra: Partial<SequenceBatch> = {},
): SequenceBatch {
  const dtype: DType = config.dtype ?? "float32";
  const lossAt = extra.loss ?? "last";
  const rows = lossAt === "last" ? B : lossAt === "all" ? T * B : lossAt.length * B;
  const input: Partial<SequenceBatch> = config.vocabSize
    ? { ids: Int32Array.from({ length: T * B }, () => rng.int(config.vocabSize!)), batchSize: B }
    : { x: randn([T, B, config.inputSize], rng, { dtype }) };
  return { ...input, targets: Int32Array.from({ length: rows }, () => rng.int(config.outputSize)), ...extra };
}

/** The grads of every parameter (in state_dict order) after running `fn` on a fresh copy of `model`. */
export function gradsOf(model: RecurrentModel, run: (m: RecurrentModel) => void): Map<string, Float64Array> {
  const m = model.clone();
  m.ensureGrads();
  run(m);
  return new Map(m.namedParameters().map(([n, t]) => [n, Float64Array.from(t.grad!.data)]));
}

export function fastGrads(model: RecurrentModel, batch: SequenceBatch): { loss: number; grads: Map<string, Float64Array> } {
  let loss = NaN;
  const grads = gradsOf(model, (m) => (loss = lossAndGrad(m, batch).loss));
  return { loss, grads };
}

export function referenceGrads(model: RecurrentModel, batch: SequenceBatch): { loss: number; grads: Map<string, Float64Array> } {
  let loss = NaN;
  const grads = gradsOf(model, (m) => {
    const r = referenceLoss(m, batch);
    loss = r.loss.item();
    r.loss.backward();
  });
  return { loss, grads };
}

/** Fast and reference agree on the loss and every gradient. */
export function expectFastMatchesReference(model: RecurrentModel, batch: SequenceBatch, tol = { rtol: 1e-9, atol: 1e-12 }): void {
  const f = fastGrads(model, batch);
  const r = referenceGrads(model, batch);
  expectClose(f.loss, r.loss, tol);
  for (const [name, g] of r.grads) {
    try {
      expectClose(f.grads.get(name)!, g, tol);
    } catch (e) {
      throw new Error(`${name}: ${(e as Error).message}`);
    }
  }
}

/**
 * The fast path as a core autodiff op of the parameters: forward = its loss, backward = its gradients. This
 * lets core's `gradcheck` hold the fused backward to central differences.
 */
export function fastLossOp(model: RecurrentModel, batch: SequenceBatch): (...params: Tensor[]) => Tensor {
  const names = model.namedParameters().map(([n]) => n);
  return (...params) => {
    const copy = new RecurrentModel(model.config, Object.fromEntries(names.map((n, i) => [n, params[i].clone()])));
    const grad = needsGrad(...params);
    const r = lossAndGrad(copy, batch, { grad });
    const out = new Tensor(Float64Array.of(r.loss), []);
    if (grad) {
      const grads = copy.parameters().map((p) => p.grad!);
      record(out, "fastLoss", params, (g) => grads.map((gr) => new Tensor(gr.data.map((v) => v * g.item()), gr.shape)));
    }
    return out;
  };
}

export function referenceLossOp(model: RecurrentModel, batch: SequenceBatch): (...params: Tensor[]) => Tensor {
  const names = model.namedParameters().map(([n]) => n);
  return (...params) => referenceLoss(new RecurrentModel(model.config, Object.fromEntries(names.map((n, i) => [n, params[i]]))), batch).loss;
}

/** Runs core's gradcheck (float64, rtol 1e-6) on both paths and fails with the worst element if either is off. */
export function expectGradcheck(model: RecurrentModel, batch: SequenceBatch): void {
  const params = model.parameters();
  for (const [label, op] of [["fast", fastLossOp(model, batch)], ["reference", referenceLossOp(model, batch)]] as const) {
    const report = gradcheck(op, params, { eps: 1e-6, rtol: 1e-6, atol: 1e-9 });
    if (!report.ok) {
      const names = model.namedParameters().map(([n]) => n);
      const bad = report.inputs.map((r, i) => ({ ...r, name: names[i] })).filter((r) => !r.ok);
      expect.fail(`${label} gradcheck failed: ${JSON.stringify(bad)}`);
    }
  }
}

export function smallModel(config: ModelConfig, seed = 1): RecurrentModel {
  return createModel({ dtype: "float64", ...config }, new Random(seed));
}

export function steps(x: Tensor, from: number, to: number): Tensor {
  const per = x.shape[1] * x.shape[2];
  return new Tensor(Float64Array.from(x.data.subarray(from * per, to * per)), [to - from, x.shape[1], x.shape[2]]);
}

/** ‖∂h_end/∂h_t‖_F of example b by central differences on the state (c_t held fixed for an LSTM). */
export function finiteDifference(model: RecurrentModel, x: Tensor, b: number, t: number, end: number): number {
  const B = x.shape[1];
  const H = model.hiddenSize;
  if (t === end) return Math.sqrt(H);
  const state = lossAndGrad(model, { x: steps(x, 0, t + 1), targets: new Int32Array(B) }, { grad: false, returnState: true }).finalState!;
  const after = (h: Float64Array) =>
    lossAndGrad(model, { x: steps(x, t + 1, end + 1), targets: new Int32Array(B), h0: new Tensor(h, [1, B, H]), c0: state.c ?? undefined }, { grad: false, returnState: true }).finalState!.h.data;
  const eps = 1e-6;
  let s = 0;
  for (let j = 0; j < H; j++) {
    const plus = Float64Array.from(state.h.data);
    const minus = Float64Array.from(state.h.data);
    plus[b * H + j] += eps;
    minus[b * H + j] -= eps;
    const hp = after(plus);
    const hm = after(minus);
    for (let i = 0; i < H; i++) s += ((hp[b * H + i] - hm[b * H + i]) / (2 * eps)) ** 2;
  }
  return Math.sqrt(s);
}
