import { describe, expect, it } from "vitest";
import { exampleCharts } from "../examples/exampleCharts";
import { exampleData } from "../examples/exampleData";

const round = (xs: readonly number[]) => xs.map((x) => Number(x.toPrecision(3)));

describe("exampleData", () => {
  it("is a pure function of the seed", () => {
    expect(exampleData(7)).toEqual(exampleData(7));
    expect(exampleData(8).gradientNorms[0]!.values).not.toEqual(exampleData(7).gradientNorms[0]!.values);
  });

  it("starts with these rows for seed 7", () => {
    const d = exampleData(7);
    expect(d.gradientNorms.map((s) => s.label)).toEqual(["RNN tanh, at init", "RNN tanh, trained", "RNN relu, large init", "LSTM", "GRU"]);
    expect(round(d.gradientNorms[0]!.values.slice(0, 3))).toMatchInlineSnapshot(`
      [
        6.71e-21,
        2.32e-20,
        4.56e-20,
      ]
    `);
    expect(round(d.gradientNorms[0]!.values.slice(-2))).toMatchInlineSnapshot(`
      [
        0.0871,
        0.272,
      ]
    `);
    expect(d.training[0]!.records.slice(0, 2)).toMatchInlineSnapshot(`
      [
        {
          "accuracy": 0.48318262785747623,
          "clipped": false,
          "gradNorm": 0.6176867773795013,
          "loss": 0.684994277060564,
          "nonFinite": false,
          "step": 0,
          "threshold": null,
        },
        {
          "accuracy": 0.49471734787282684,
          "clipped": false,
          "gradNorm": 0.7214940048753979,
          "loss": 0.6903160395220964,
          "nonFinite": false,
          "step": 1,
          "threshold": null,
        },
      ]
    `);
    expect(d.accuracyByDistance.slice(0, 2)).toMatchInlineSnapshot(`
      [
        {
          "accuracy": 0.929745177584835,
          "bucket": 5,
          "cell": "rnn_tanh",
          "count": 500,
          "label": "RNN tanh",
        },
        {
          "accuracy": 0.8866309793548935,
          "bucket": 10,
          "cell": "rnn_tanh",
          "count": 500,
          "label": "RNN tanh",
        },
      ]
    `);
  });

  it("has the shapes the charts expect", () => {
    const d = exampleData();
    expect(d.heatmap.norms).toHaveLength(40);
    expect(d.heatmap.norms[0]).toHaveLength(40);
    expect(d.cliff.grid.error).toHaveLength(d.cliff.grid.b.length);
    expect(d.cliff.grid.error[0]).toHaveLength(d.cliff.grid.w.length);
    // The unclipped run blows up at step 262 and stops two steps later.
    const plain = d.training[0]!.records;
    expect(plain.findIndex((r) => r.nonFinite)).toBe(262);
    expect(plain).toHaveLength(265);
    expect(d.training[1]!.records.every((r) => !r.nonFinite)).toBe(true);
  });

  it("feeds every chart", () => {
    expect(exampleCharts().map((c) => c.name)).toEqual([
      "gradient-norms",
      "gradient-heatmap",
      "training-curves",
      "accuracy-distance",
      "accuracy-attractors",
      "spectral-radius",
      "cliff",
      "step-contributions",
    ]);
  });
});
