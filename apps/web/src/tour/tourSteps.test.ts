import { describe, expect, it } from "vitest";
import { validateConfig } from "../config/labConfig";
import { TOUR_STEPS, tourConfig } from "./tourSteps";

describe("TOUR_STEPS", () => {
  it("follows the lesson: dependencies, vanishing (RNN, then LSTM), exploding, clipping, what clipping does", () => {
    expect(TOUR_STEPS.map((s) => s.id)).toEqual(["long-dependencies", "vanishing-rnn", "vanishing-lstm", "exploding", "clipping", "what-clipping-does"]);
  });

  it("gives every step a valid, complete configuration", () => {
    for (const step of TOUR_STEPS) expect(validateConfig(tourConfig(step)), step.id).toEqual({ ok: true, config: tourConfig(step) });
  });

  it("runs steps 2 and 3 on the CLI demo's agreement design: a language model over distances up to 40", () => {
    const c = tourConfig(TOUR_STEPS.find((s) => s.id === "vanishing-rnn")!);
    expect(c).toMatchObject({ task: "agreement", preset: "easy", framing: "lm", distance: 40, cell: "rnn_tanh", forgetBias: 1 });
    expect(c).toMatchObject({ hiddenSize: 32, batchSize: 32, optimizer: "adam", learningRate: 0.01, clip: "norm", threshold: 1 });
  });

  it("compares like with like: the vanishing pair differs only in the cell, the exploding pair only in clipping", () => {
    const c = (id: string) => tourConfig(TOUR_STEPS.find((s) => s.id === id)!);
    expect({ ...c("vanishing-rnn"), cell: "lstm" }).toEqual(c("vanishing-lstm"));
    expect({ ...c("exploding"), clip: "norm", threshold: 1 }).toEqual(c("clipping"));
  });
});
