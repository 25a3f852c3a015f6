import { Random, matmul, randn, slice, sub, sum, transpose } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { smallModel } from "../../test/helpers";
import { lossAndGrad } from "../fast/lossAndGrad";
import type { ModelConfig } from "../model/config";
import type { RecurrentModel } from "../model/RecurrentModel";
import { referenceLoss } from "../reference/referenceLoss";
import { decisionSaliency } from "./decisionSaliency";

const V = 9;
// Every step reads a different token, so the gradient of embedding row ids[t] is the gradient at step t alone.
const ids = [0, 1, 2, 3, 4, 5, 6, 7];
const decision = { verbStep: 6, correct: 2, wrong: 5 };

/** s = z_correct − z_wrong at verbStep, from a forward pass only. */
function score(model: RecurrentModel): number {
  const r = lossAndGrad(model, { ids: ids.slice(0, decision.verbStep + 1), batchSize: 1, targets: [0], loss: "last" }, { grad: false, returnLogits: true });
  return r.logits!.data[decision.correct] - r.logits!.data[decision.wrong];
}

/** ‖∂s/∂e_t‖ by central differences on every coordinate of the embedding row read at step t. */
function finiteDifferenceSaliency(model: RecurrentModel, t: number, eps = 1e-6): number {
  const w = model.embedding!.data;
  const E = model.inputSize;
  let sq = 0;
  for (let j = 0; j < E; j++) {
    const k = ids[t] * E + j;
    const keep = w[k];
    w[k] = keep + eps;
    const up = score(model);
    w[k] = keep - eps;
    const down = score(model);
    w[k] = keep;
    const g = (up - down) / (2 * eps);
    sq += g * g;
  }
  return Math.sqrt(sq);
}

/** ‖∂s/∂h_t‖ of the top layer from the reference path's autodiff (probe leaves on every h_t). */
function referenceHiddenNorms(model: RecurrentModel): number[] {
  const T = decision.verbStep + 1;
  const ref = referenceLoss(model, { ids: ids.slice(0, T), batchSize: 1, targets: [0], loss: "last" }, { probeHidden: true });
  const top = model.numLayers - 1;
  const logits = matmul(ref.hidden[top][T - 1], transpose(model.headWeight));
  sum(sub(slice(logits, [0, decision.correct], [1, 1]), slice(logits, [0, decision.wrong], [1, 1]))).backward();
  return ref.hiddenProbes[top].map((p) => Math.hypot(...p.grad!.data));
}

const close = (a: number, b: number, rel: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(Math.abs(a), Math.abs(b), 1e-12));

describe.each(["rnn_tanh", "lstm", "gru"] as const)("decisionSaliency with %s", (cell) => {
  it.each([1, 2])("matches central differences (‖∂s/∂e_t‖) and the reference path (‖∂s/∂h_t‖), %i layer(s), float64", (numLayers) => {
    const config: ModelConfig = { cell, vocabSize: V, inputSize: 3, hiddenSize: 4, outputSize: V, numLayers, dtype: "float64" };
    const model = smallModel(config, 3 + numLayers);
    const d = decisionSaliency(model, ids, decision);
    expect(d.saliency).toHaveLength(decision.verbStep + 1);
    expect(d.hiddenGradNorms).toHaveLength(decision.verbStep + 1);
    close(d.score, score(model), 1e-12);
    close(d.score, Math.log(d.pCorrect) - Math.log(d.pWrong), 1e-9);
    expect(d.pCorrect + d.pWrong).toBeLessThan(1);
    for (let t = 0; t <= decision.verbStep; t++) {
      expect(d.saliency[t]).toBeGreaterThan(0);
      close(d.saliency[t], finiteDifferenceSaliency(model, t), 1e-6);
    }
    const hidden = referenceHiddenNorms(model);
    for (let t = 0; t <= decision.verbStep; t++) close(d.hiddenGradNorms[t], hidden[t], 1e-9);
  });
});

describe("decisionSaliency", () => {
  const config: ModelConfig = { cell: "lstm", vocabSize: V, inputSize: 3, hiddenSize: 4, outputSize: V, dtype: "float64" };

  it("ignores the tokens after verbStep and gives the same numbers on every call", () => {
    const model = smallModel(config, 8);
    const a = decisionSaliency(model, ids, decision);
    const b = decisionSaliency(model, [...ids.slice(0, decision.verbStep + 1), 8, 8, 8], decision);
    expect(b).toEqual(a);
  });

  it("leaves the parameters and their gradients as they were", () => {
    const model = smallModel(config, 9);
    const before = model.namedParameters().map(([, p]) => Float64Array.from(p.data));
    expect(model.headWeight.grad).toBeNull();
    decisionSaliency(model, ids, decision);
    expect(model.namedParameters().every(([, p]) => p.grad === null)).toBe(true);
    model.ensureGrads();
    model.headWeight.grad!.data.fill(0.25);
    const kept = model.headWeight.grad;
    decisionSaliency(model, ids, decision);
    expect(model.headWeight.grad).toBe(kept);
    expect(Array.from(kept!.data).every((g) => g === 0.25)).toBe(true);
    expect(model.namedParameters().map(([, p]) => Float64Array.from(p.data))).toEqual(before);
  });

  it("swapping correct and wrong negates the score and keeps every norm", () => {
    const model = smallModel(config, 10);
    const a = decisionSaliency(model, ids, decision);
    const b = decisionSaliency(model, ids, { ...decision, correct: decision.wrong, wrong: decision.correct });
    expect(b.score).toBeCloseTo(-a.score, 12);
    for (let t = 0; t <= decision.verbStep; t++) close(b.saliency[t], a.saliency[t], 1e-12);
  });

  it("rejects bad arguments with messages that name them", () => {
    const model = smallModel(config, 11);
    expect(() => decisionSaliency(model, ids, { ...decision, verbStep: 8 })).toThrow("decisionSaliency: options.verbStep must be an integer in [0, 7], got 8");
    expect(() => decisionSaliency(model, ids, { ...decision, wrong: 2 })).toThrow("decisionSaliency: options.correct and options.wrong must differ, got 2 for both");
    expect(() => decisionSaliency(model, ids, { ...decision, correct: V })).toThrow(`decisionSaliency: options.correct must be an integer in [0, ${V - 1}], got ${V}`);
    expect(() => decisionSaliency(model, [0, 1, 99, 3, 4, 5, 6], decision)).toThrow(`decisionSaliency: ids[2] must be a token id in [0, ${V - 1}], got 99`);
    expect(() => decisionSaliency(model, [], decision)).toThrow("decisionSaliency: ids must be a non-empty array of token ids, got an array of length 0");
    const dense = smallModel({ cell: "gru", inputSize: 3, hiddenSize: 4, outputSize: 2 }, 12);
    expect(() => decisionSaliency(dense, ids, decision)).toThrow("decisionSaliency: model must be a token model (vocabSize > 0); this one reads dense input");
  });
});

describe("lossAndGrad's outputGrad and inputGradNorms", () => {
  const config: ModelConfig = { cell: "rnn_tanh", vocabSize: V, inputSize: 3, hiddenSize: 4, outputSize: V, dtype: "float64" };
  const batch = { ids: ids.slice(0, 5), batchSize: 1, targets: [3], loss: "last" } as const;

  it("seeded with the loss's own dL/dlogits, the gradients are the loss's", () => {
    const a = smallModel(config, 13);
    const b = smallModel(config, 13);
    const r = lossAndGrad(a, batch, { returnLogits: true, record: { inputGradNorms: true } });
    const z = r.logits!.data;
    const m = Math.max(...z);
    const e = Array.from(z, (v) => Math.exp(v - m));
    const s = e.reduce((x, y) => x + y, 0);
    const dz = e.map((v) => v / s);
    dz[3] -= 1;
    const q = lossAndGrad(b, batch, { outputGrad: dz, record: { inputGradNorms: true } });
    expect(q.loss).toBe(r.loss);
    for (const [[, pa], [, pb]] of a.namedParameters().map((p, i) => [p, b.namedParameters()[i]] as const)) {
      for (let k = 0; k < pa.size; k++) close(pb.grad!.data[k], pa.grad!.data[k], 1e-12);
    }
    for (let t = 0; t < 5; t++) close(q.inputGradNorms!.perStep[t], r.inputGradNorms!.perStep[t], 1e-12);
  });

  it("rejects an outputGrad of the wrong length or without a backward pass, and inputGradNorms on dense input", () => {
    const model = smallModel(config, 14);
    expect(() => lossAndGrad(model, batch, { outputGrad: [1, 2] })).toThrow(`lossAndGrad: options.outputGrad must have R·O = 1·${V} = ${V} entries (one row per loss row), got 2`);
    expect(() => lossAndGrad(model, batch, { grad: false, outputGrad: new Float64Array(V) })).toThrow("lossAndGrad: options.outputGrad seeds the backward pass; it cannot be combined with options.grad = false");
    expect(() => lossAndGrad(model, batch, { outputGrad: [NaN] })).toThrow("lossAndGrad: options.outputGrad[0] must be a finite number, got NaN");
    const dense = smallModel({ cell: "rnn_tanh", inputSize: 3, hiddenSize: 4, outputSize: 2 }, 15);
    expect(() => lossAndGrad(dense, { x: randn([2, 1, 3], new Random(1), { dtype: "float64" }), targets: [0] }, { record: { inputGradNorms: true } })).toThrow(
      "lossAndGrad: options.record.inputGradNorms needs a token model (vocabSize); this model reads dense input",
    );
  });
});
