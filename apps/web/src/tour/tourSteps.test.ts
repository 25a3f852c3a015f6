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

  it("compares like with like: the vanishing pair differs only in the cell, the exploding pair only in clipping", () => {
    const c = (id: string) => tourConfig(TOUR_STEPS.find((s) => s.id === id)!);
    expect({ ...c("vanishing-rnn"), cell: "lstm" }).toEqual(c("vanishing-lstm"));
    expect({ ...c("exploding"), clip: "norm", threshold: 1 }).toEqual(c("clipping"));
  });
});
