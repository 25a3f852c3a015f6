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

  it("compares only the fields every config has, and ignores the logging intervals", () => {
    expect(
      runLabels([
        run("a", { task: { name: "adding", knobs: { length: 10 } }, cell: "rnn_relu", recurrentInit: { kind: "scaledNormal", scale: 2 }, optimizer: { name: "sgd", lr: 0.1 }, logEvery: 1 }),
        run("b", { task: { name: "agreement", preset: "easy" }, cell: "gru", logEvery: 10, instrumentEvery: 5 }),
      ]),
    ).toEqual(["relu RNN, adding, preset default, init scaledNormal, sgd, lr 0.1", "GRU, agreement, preset easy, init uniform, adam, lr 0.001"]);
  });

  it("keeps folder names for equal configs", () => {
    expect(runLabels([run("x1", {}), run("x2", {})])).toEqual(["x1", "x2"]);
  });
});
