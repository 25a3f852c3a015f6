import { describe, expect, it } from "vitest";
import { resolveRunConfig } from "../engine/config";
import { runLabels } from "./runLabels";

const run = (name: string, partial: object) => ({ name, config: resolveRunConfig(partial) });

describe("runLabels", () => {
  it("names one run after its cell", () => {
    expect(runLabels([run("a", { cell: "gru" })])).toEqual(["GRU"]);
  });

  it("names runs by what differs, cell and clipping first", () => {
    expect(
      runLabels([
        run("a", { cell: "rnn_tanh", optimizer: { name: "adam", lr: 0.01 }, clip: "norm:1" }),
        run("b", { cell: "lstm", optimizer: { name: "adam", lr: 0.001 }, clip: "none" }),
      ]),
    ).toEqual(["RNN, global norm ≤ 1 (norm:1), lr 0.01", "LSTM, no clipping, lr 0.001"]);
    expect(runLabels([run("a", { task: { name: "adding", knobs: { length: 10 } } }), run("b", { task: { name: "adding", knobs: { length: 20 } } })])).toEqual([
      "length 10",
      "length 20",
    ]);
  });

  it("keeps folder names for equal configs", () => {
    expect(runLabels([run("x1", {}), run("x2", {})])).toEqual(["x1", "x2"]);
  });
});
