import { Adam, Random, SGD } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { randomBatch } from "../../test/helpers";
import { lossAndGrad } from "../fast/lossAndGrad";
import type { ModelConfig } from "../model/config";
import { createModel } from "../model/createModel";
import type { RecurrentModel } from "../model/RecurrentModel";
import { createCheckpoint, parseCheckpoint, restoreCheckpoint, serializeCheckpoint } from "./checkpoint";

const config: ModelConfig = { cell: "lstm", inputSize: 3, hiddenSize: 4, outputSize: 2, dtype: "float64" };

function train(model: RecurrentModel, opt: Adam, rng: Random, steps: number): void {
  for (let i = 0; i < steps; i++) {
    opt.zeroGrad();
    lossAndGrad(model, randomBatch(config, 5, 3, rng));
    opt.step();
  }
}

describe("checkpoints", () => {
  it("resume training exactly: weights, Adam's moments, the generator and the step survive a JSON round trip", () => {
    const model = createModel(config, new Random(0));
    const opt = new Adam(model.parameters(), { lr: 0.01 });
    const rng = new Random(1);
    train(model, opt, rng, 3);
    const clipping = { history: [1.5, Infinity, 0.25], ema: { mean: 0.5, variance: NaN }, name: "zclip", warm: true, last: null };
    const text = serializeCheckpoint(createCheckpoint(model, { step: 3, optimizer: opt, rng, clipping }));

    const restoredModel = createModel(config, new Random(99));
    const restoredOpt = new Adam(restoredModel.parameters(), { lr: 0.01 });
    const restoredRng = new Random(42);
    const r = restoreCheckpoint(parseCheckpoint(text), { model: restoredModel, optimizer: restoredOpt, rng: restoredRng });
    expect(r.model).toBe(restoredModel);
    expect(r.step).toBe(3);
    expect(r.clipping).toEqual(clipping);

    train(model, opt, rng, 4);
    train(restoredModel, restoredOpt, restoredRng, 4);
    expect(restoredModel.parameters().map((p) => Array.from(p.data))).toEqual(model.parameters().map((p) => Array.from(p.data)));
    expect(restoredRng.uniform()).toBe(rng.uniform());
  });

  it("builds a new model when none is given, in the saved dtype", () => {
    const model = createModel({ ...config, dtype: "float32", numLayers: 2, vocabSize: 5 }, new Random(2));
    const r = restoreCheckpoint(parseCheckpoint(serializeCheckpoint(createCheckpoint(model, { step: 0 }))));
    expect(r.model.dtype).toBe("float32");
    expect(r.model.namedParameters().map(([n, t]) => [n, Array.from(t.data)])).toEqual(model.namedParameters().map(([n, t]) => [n, Array.from(t.data)]));
    expect(r.clipping).toBeNull();
  });

  it("copies: later training does not change a checkpoint already taken", () => {
    const model = createModel(config, new Random(3));
    const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
    const ckpt = createCheckpoint(model, { step: 0, optimizer: opt });
    const before = JSON.stringify(ckpt);
    lossAndGrad(model, randomBatch(config, 3, 2, new Random(4)));
    opt.step();
    expect(JSON.stringify(ckpt)).toBe(before);
  });

  it("says exactly what does not match when loading into another model", () => {
    const ckpt = createCheckpoint(createModel(config, new Random(5)), { step: 1 });
    const gru = createModel({ ...config, cell: "gru" }, new Random(6));
    expect(() => restoreCheckpoint(ckpt, { model: gru })).toThrow(
      'restoreCheckpoint: the checkpoint does not match the model: config.cell is "lstm" in the checkpoint but "gru" in the model; weight_ih_l0 is [16,3] in the checkpoint but [12,3] in the model; weight_hh_l0 is [16,4] in the checkpoint but [12,4] in the model; bias_ih_l0 is [16] in the checkpoint but [12] in the model; bias_hh_l0 is [16] in the checkpoint but [12] in the model',
    );
    const tampered = JSON.parse(serializeCheckpoint(ckpt));
    tampered.weights["rnn.weight_hh_l0"] = tampered.weights.weight_hh_l0;
    delete tampered.weights.weight_hh_l0;
    expect(() => restoreCheckpoint(tampered, { model: createModel(config, new Random(7)) })).toThrow(
      "restoreCheckpoint: the checkpoint does not match the model: missing weight_hh_l0 [16,4]; unexpected rnn.weight_hh_l0",
    );
  });

  it("loads a float64 checkpoint into a float32 model (values converted)", () => {
    const m64 = createModel(config, new Random(8));
    const m32 = createModel({ ...config, dtype: "float32" }, new Random(9));
    restoreCheckpoint(createCheckpoint(m64, { step: 0 }), { model: m32 });
    expect(Array.from(m32.layers[0].weightHh.data)).toEqual(Array.from(m64.layers[0].weightHh.data, Math.fround));
  });

  it.each<[string, () => unknown, string]>([
    ["clipping state that is a class instance", () => createCheckpoint(createModel(config, new Random(0)), { step: 0, clipping: { strategy: new Map() } }), "createCheckpoint: parts.clipping.strategy must be plain data (null, boolean, number, string, array or plain object), got a Map"],
    ["clipping state with a function", () => createCheckpoint(createModel(config, new Random(0)), { step: 0, clipping: [1, () => 0] }), "createCheckpoint: parts.clipping[1] must be plain data (null, boolean, number, string, array or plain object), got a function"],
    ["a negative step", () => createCheckpoint(createModel(config, new Random(0)), { step: -1 }), "createCheckpoint: parts.step must be an integer >= 0, got -1"],
    ["text that is not JSON", () => parseCheckpoint("{"), "parseCheckpoint: the text is not valid JSON"],
    ["another file format", () => parseCheckpoint({ weights: {} }), 'parseCheckpoint: not a Vanish checkpoint (format must be "vanish-checkpoint", got undefined)'],
    ["a future version", () => parseCheckpoint({ format: "vanish-checkpoint", version: 2 }), "parseCheckpoint: version must be 1, got 2"],
    ["a bad config", () => parseCheckpoint({ ...createCheckpoint(createModel(config, new Random(0)), { step: 0 }), config: { cell: "lstm", inputSize: 0 } }), "parseCheckpoint: config.inputSize must be an integer >= 1, got 0"],
    ["an optimiser the checkpoint lacks", () => restoreCheckpoint(createCheckpoint(createModel(config, new Random(0)), { step: 0 }), { optimizer: new SGD(createModel(config, new Random(0)).parameters(), { lr: 1 }) }), "restoreCheckpoint: target.optimizer was given but the checkpoint holds no optimiser state"],
  ])("rejects %s", (_, run, message) => {
    expect(run).toThrow(message);
  });
});
