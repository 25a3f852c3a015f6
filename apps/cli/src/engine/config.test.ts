import { describe, expect, it } from "vitest";
import { RUN_CONFIG_KEYS, resolveRunConfig } from "./config";
import { isLanguageModel } from "./taskConfig";
import { ConfigError } from "./configError";

describe("resolveRunConfig", () => {
  it("fills every default", () => {
    const c = resolveRunConfig({ task: { name: "adding" } });
    expect(Object.keys(c)).toEqual(RUN_CONFIG_KEYS);
    expect(c).toEqual({
      task: { name: "adding", preset: "default", knobs: { length: 25, variant: "modern" } },
      cell: "lstm",
      layers: 1,
      hiddenSize: 32,
      embeddingSize: 16,
      recurrentInit: { kind: "uniform" },
      forgetBias: null,
      optimizer: { name: "adam", lr: 0.001 },
      clip: "none",
      nonFinite: "error",
      bptt: { mode: "full" },
      steps: 200,
      batchSize: 32,
      logEvery: 10,
      evalEvery: 0,
      evalBatches: 4,
      dtype: "float32",
      seed: 0,
      instrumentEvery: 0,
    });
  });

  it("is idempotent and accepts the short forms (task name, optimizer name, init kind, bptt mode)", () => {
    const c = resolveRunConfig({ task: "copy", optimizer: "sgd", recurrentInit: "orthogonal", bptt: { mode: "truncated", k1: 4 }, clip: " NORM:1 " });
    expect(resolveRunConfig(c)).toEqual(c);
    expect(c.task).toEqual({ name: "copy", preset: "default", knobs: { delay: 20, symbols: 8, count: 5 } });
    expect(c.optimizer).toEqual({ name: "sgd", lr: 0.001 });
    expect(c.recurrentInit).toEqual({ kind: "orthogonal", gain: 1 });
    expect(c.bptt).toEqual({ mode: "truncated", k1: 4, k2: 4, stateful: true });
    expect(c.clip).toBe("norm:1");
  });

  it("defaults the task and optimizer names when only their other fields are given", () => {
    const c = resolveRunConfig({ task: { preset: "easy" }, optimizer: { lr: 0.1 } });
    expect(c.task.name).toBe("agreement");
    expect(c.optimizer).toEqual({ name: "adam", lr: 0.1 });
  });

  it("applies task presets and knobs, agreement's from @vanish/datasets", () => {
    expect(resolveRunConfig({ task: { name: "temporalOrder", preset: "hard", knobs: { length: 60 } } }).task.knobs).toEqual({ length: 60, classes: 8, jitter: 0.1 });
    const a = resolveRunConfig({ task: { name: "agreement", preset: "easy", knobs: { distance: [2, 9] } } }).task;
    expect(a.knobs).toMatchObject({ framing: "number", distance: [2, 9], attractors: [0, 1], nesting: [0, 0] });
  });

  it("accepts agreement's lm framing (trained as a language model)", () => {
    const t = resolveRunConfig({ task: { name: "agreement", preset: "easy", knobs: { framing: "lm" } } }).task;
    expect(t.knobs).toMatchObject({ framing: "lm", distance: [1, 16] });
    expect(isLanguageModel(t)).toBe(true);
    expect(isLanguageModel(resolveRunConfig({ task: { name: "agreement", preset: "easy" } }).task)).toBe(false);
    expect(isLanguageModel(resolveRunConfig({ task: "copy" }).task)).toBe(false);
  });

  it("canonicalises clipping specs given as JSON", () => {
    expect(resolveRunConfig({ clip: [{ type: "zeroNans" }, { type: "norm", maxNorm: 2 }] }).clip).toBe("zeroNans>norm:2");
  });

  it.each([
    [{ colour: 1 }, "resolveRunConfig: config.colour is not a known key; valid keys: task, cell, layers, hiddenSize, embeddingSize, recurrentInit, forgetBias, optimizer, clip, nonFinite, bptt, steps, batchSize, logEvery, evalEvery, evalBatches, dtype, seed, instrumentEvery"],
    [{ cell: "rnn" }, 'resolveRunConfig: config.cell must be one of "rnn_tanh", "rnn_relu", "lstm", "gru", got "rnn"'],
    [{ task: { name: "parity" } }, 'resolveRunConfig: config.task.name must be one of "agreement", "adding", "temporalOrder", "copy", got "parity"'],
    [{ task: { name: "adding", preset: "medium" } }, 'resolveRunConfig: config.task.preset must be one of "easy", "default", "hard", got "medium"'],
    [{ task: { name: "adding", knobs: { delay: 3 } } }, 'resolveRunConfig: config.task.knobs.delay is not a known key for task "adding"; valid keys: length, variant'],
    [{ task: { name: "adding", knobs: { length: 1 } } }, "resolveRunConfig: config.task.knobs.length must be an integer >= 2, got 1"],
    [{ task: { name: "agreement", knobs: { framing: "next" } } }, 'resolveRunConfig: config.task.knobs is invalid: agreementConfig: framing must be one of "number", "grammaticality", "lm", got "next"'],
    [{ task: { name: "agreement", knobs: { target: "top" } } }, 'resolveRunConfig: config.task.knobs is invalid: agreementConfig: target must be one of "main", "deepest", "any", got "top"'],
    [{ optimizer: { name: "adam", momentum: 0.9 } }, 'resolveRunConfig: config.optimizer.momentum is not a known key for optimizer "adam"; valid keys: name, lr, betas, eps, weightDecay, amsgrad'],
    [{ optimizer: { name: "lbfgs" } }, 'resolveRunConfig: config.optimizer.name must be one of "sgd", "adam", "adamw", "rmsprop", "adagrad", got "lbfgs"'],
    [{ optimizer: { name: "sgd", lr: -1 } }, "resolveRunConfig: config.optimizer.lr must be a number > 0, got -1"],
    [{ recurrentInit: { kind: "scaledNormal", gain: 2 } }, 'resolveRunConfig: config.recurrentInit.gain is not a known key for kind "scaledNormal"; valid keys: kind, scale'],
    [{ bptt: { mode: "truncated", k1: 5, k2: 3 } }, "resolveRunConfig: config.bptt.k2 must be an integer >= 5, got 3"],
    [{ bptt: { mode: "truncated" } }, "resolveRunConfig: config.bptt.k1 must be an integer >= 1, got undefined"],
    [{ nonFinite: "ignore" }, 'resolveRunConfig: config.nonFinite must be one of "error", "skip", "clip", got "ignore"'],
    [{ forgetBias: 1, cell: "gru" }, 'resolveRunConfig: config.forgetBias applies to cell "lstm" only, got cell "gru"; use null'],
    [{ steps: 0 }, "resolveRunConfig: config.steps must be an integer >= 1, got 0"],
    [{ batchSize: 2.5 }, "resolveRunConfig: config.batchSize must be an integer >= 1, got 2.5"],
    [{ dtype: "float16" }, 'resolveRunConfig: config.dtype must be one of "float32", "float64", got "float16"'],
  ])("rejects %j with a message naming the key and the valid values", (partial, message) => {
    expect(() => resolveRunConfig(partial as never)).toThrow(message);
  });

  it("throws a ConfigError with the key's path, the reason and the kind of error", () => {
    let caught: unknown;
    try {
      resolveRunConfig({ optimizer: { name: "sgd", lr: -1 } });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect(caught).toMatchObject({ path: "config.optimizer.lr", reason: "must be a number > 0, got -1", kind: "range", at: null });
    expect(() => resolveRunConfig({ cell: 3 })).toThrow(expect.objectContaining({ path: "config.cell", kind: "type" }));
  });

  it("rejects a bad clipping spec with the valid forms", () => {
    expect(() => resolveRunConfig({ clip: "norm" })).toThrow(/^resolveRunConfig: config.clip is invalid: parseClipSpec: "norm": norm needs a value: norm:MAX\[:type=2\|1\|inf\]\nvalid forms:\n {2}value:C/);
    expect(() => resolveRunConfig({ clip: "norm" })).toThrow(/\n {2}or "none" for no clipping$/);
  });
});
