import { Random } from "@vanish/core";
import { describe, expect, it } from "vitest";
import { expectClose } from "../../test/helpers";
import { createModel } from "./createModel";

const lstm = { cell: "lstm", inputSize: 3, hiddenSize: 16, outputSize: 2 } as const;

describe("createModel", () => {
  it("draws every recurrent and head parameter from U(−1/√H, 1/√H), as PyTorch", () => {
    const m = createModel({ ...lstm, numLayers: 2 }, new Random(0));
    const bound = 1 / Math.sqrt(16);
    for (const [name, t] of m.namedParameters()) {
      const d = Array.from(t.data);
      expect(d.every((v) => Math.abs(v) <= bound), name).toBe(true);
      expect(Math.max(...d.map(Math.abs)), name).toBeGreaterThan(bound * 0.8);
    }
  });

  it("draws the embedding from N(0, 1), as nn.Embedding", () => {
    const m = createModel({ ...lstm, vocabSize: 400 }, new Random(1));
    const d = Array.from(m.embedding!.data);
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const std = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / d.length);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(std - 1)).toBeLessThan(0.05);
  });

  it("is a pure function of the seed", () => {
    const a = createModel(lstm, new Random(7)).parameters().map((p) => Array.from(p.data));
    const b = createModel(lstm, new Random(7)).parameters().map((p) => Array.from(p.data));
    const c = createModel(lstm, new Random(8)).parameters().map((p) => Array.from(p.data));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it("sets each [H, H] gate block of weight_hh by scaledNormal, orthogonal or identity", () => {
    const H = 16;
    const block = (w: Float32Array | Float64Array, g: number) => Array.from(w.subarray(g * H * H, (g + 1) * H * H));
    const normal = createModel({ ...lstm, hiddenSize: H, dtype: "float64" }, new Random(2), { recurrent: { kind: "scaledNormal", scale: 0.5 } });
    const all = Array.from(normal.layers[0].weightHh.data);
    const std = Math.sqrt(all.reduce((a, v) => a + v * v, 0) / all.length);
    expect(std).toBeCloseTo(0.5 / Math.sqrt(H), 2);

    const orth = createModel({ ...lstm, hiddenSize: H, dtype: "float64" }, new Random(3), { recurrent: { kind: "orthogonal", gain: 2 } });
    for (let g = 0; g < 4; g++) {
      const w = block(orth.layers[0].weightHh.data, g);
      const wtw = Array.from({ length: H * H }, (_, k) => {
        const [i, j] = [Math.floor(k / H), k % H];
        let s = 0;
        for (let r = 0; r < H; r++) s += w[r * H + i] * w[r * H + j];
        return s;
      });
      expectClose(wtw, Array.from({ length: H * H }, (_, k) => (Math.floor(k / H) === k % H ? 4 : 0)), { atol: 1e-12 });
    }

    const eye = createModel({ cell: "rnn_relu", inputSize: 2, hiddenSize: 3, outputSize: 2 }, new Random(4), { recurrent: { kind: "identity", scale: 0.9 } });
    expect(Array.from(eye.layers[0].weightHh.data)).toEqual([0.9, 0, 0, 0, 0.9, 0, 0, 0, 0.9].map(Math.fround));
  });

  it.each<[string, () => unknown, string]>([
    ["an rng that is not a Random", () => createModel(lstm, Math.random as never), "createModel: rng must be a Random (e.g. new Random(0)), got a function"],
    ["an unknown cell", () => createModel({ ...lstm, cell: "elman" as never }, new Random(0)), 'createModel: config.cell must be one of "rnn_tanh", "rnn_relu", "lstm", "gru", got the string "elman"'],
    ["a zero hidden size", () => createModel({ ...lstm, hiddenSize: 0 }, new Random(0)), "createModel: config.hiddenSize must be an integer >= 1, got 0"],
    ["a fractional layer count", () => createModel({ ...lstm, numLayers: 1.5 }, new Random(0)), "createModel: config.numLayers must be an integer >= 1, got 1.5"],
    ["an unknown dtype", () => createModel({ ...lstm, dtype: "float16" as never }, new Random(0)), 'createModel: config.dtype must be "float32" or "float64", got the string "float16"'],
    ["an unknown recurrent init", () => createModel(lstm, new Random(0), { recurrent: { kind: "xavier" } as never }), 'createModel: init.recurrent.kind must be one of "uniform", "scaledNormal", "orthogonal", "identity", got the string "xavier"'],
    ["a scaledNormal without scale", () => createModel(lstm, new Random(0), { recurrent: { kind: "scaledNormal" } as never }), "createModel: init.recurrent.scale must be a finite number, got undefined"],
    ["a forget bias on a GRU", () => createModel({ ...lstm, cell: "gru" }, new Random(0), { forgetBias: 1 }), 'createModel: init.forgetBias applies to "lstm" cells only, got cell "gru"'],
    ["a NaN forget bias", () => createModel(lstm, new Random(0), { forgetBias: NaN }), "createModel: init.forgetBias must be a finite number, got NaN"],
  ])("rejects %s", (_, run, message) => {
    expect(run).toThrow(message);
  });
});
