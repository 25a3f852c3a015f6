import { describe, expect, it } from "vitest";
import { resolveRunConfig } from "../engine/config";
import { DEMO_AGREEMENT } from "../experiments/demoPlan";
import { taskText, trainingSetup } from "./setupText";

describe("trainingSetup and taskText", () => {
  it("describe an agreement run", () => {
    const c = resolveRunConfig({ task: DEMO_AGREEMENT, cell: "lstm", hiddenSize: 32, embeddingSize: 16, optimizer: { name: "adam", lr: 0.01 }, clip: "norm:1", forgetBias: 1, steps: 1000, batchSize: 32 });
    expect(trainingSetup(c)).toBe("hidden size 32, embedding 16, Adam (lr 0.01), clip norm:1, forget-gate bias 1, 1,000 steps of 32 sequences, float32");
    expect(taskText(c)).toBe(
      "number agreement (language model: next-token prediction, scored on the verb; subject–verb distance 1–40 drawn log-uniformly, attractors 0–4, nested relative clauses 0, prefix 0 tokens, lexicon of 10 animate and 10 inanimate nouns)",
    );
  });

  it("describe agreement's lm framing as next-token prediction scored on the verb", () => {
    const c = resolveRunConfig({ task: { name: "agreement", preset: "easy", knobs: { framing: "lm" } } });
    expect(taskText(c)).toBe(
      "number agreement (language model: next-token prediction, scored on the verb; subject–verb distance 1–16, attractors 0–1, nested relative clauses 0, prefix 0 tokens, lexicon of 60 animate and 48 inanimate nouns)",
    );
  });

  it("describe an exploding run and the other tasks", () => {
    const c = resolveRunConfig({ task: { name: "adding", knobs: { length: 10 } }, cell: "rnn_relu", recurrentInit: { kind: "scaledNormal", scale: 1.5 }, optimizer: { name: "sgd", lr: 0.1, momentum: 0.9 }, clip: "norm:1", steps: 600 });
    expect(trainingSetup(c)).toBe("hidden size 32, W_hh init scaledNormal ×1.5, SGD (lr 0.1, momentum 0.9), clip norm:1, 600 steps of 32 sequences, float32");
    expect(taskText(c)).toBe("the adding problem (modern, T = 10)");
    expect(taskText(resolveRunConfig({ task: "temporalOrder" }))).toBe("temporal order (T = 50, 4 classes)");
    expect(taskText(resolveRunConfig({ task: "copy" }))).toBe("copy memory (delay 20, 5 symbols of 8)");
  });
});
