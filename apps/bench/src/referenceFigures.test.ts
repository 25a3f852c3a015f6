import { describe, expect, it } from "vitest";
import { GATED_CASES, RNN_CASES } from "./plan";
import { caseName } from "./problem";
import { REFERENCE_FIGURES, referenceTable } from "./referenceFigures";
import type { Measurement } from "./results";
import type { Impl } from "./spec";

function m(impl: Impl, id: string, group: string, c: string, median: number): Measurement {
  return { workload: "rnn", group, impl, id, label: id, case: c, unit: "seq/s", median, min: median, max: median, spread: 0, samples: [median], notes: [] };
}

describe("referenceTable", () => {
  it("divides Vanish's best float32 rate here by the fastest figure of docs/speed.md, and skips cases that did not run", () => {
    const rows = [
      m({ library: "vanish", dtype: "float32", backend: "js" }, "vanish-float32-js", "rnn_tanh", "T50 H64", 1500),
      m({ library: "vanish", dtype: "float32", backend: "wasm" }, "vanish-float32-wasm", "rnn_tanh", "T50 H64", 6674),
      m({ library: "vanish", dtype: "float64", backend: "wasm" }, "vanish-float64-wasm", "rnn_tanh", "T50 H64", 9999),
      m({ library: "tfjs", backend: "wasm", form: "manual" }, "tfjs-wasm-manual", "rnn_tanh", "T50 H64", 800),
      m({ library: "vanish", dtype: "float32", backend: "wasm" }, "vanish-float32-wasm", "lstm", "T50 H64", 1244),
    ];
    // 6674 / 3337 = 2.0 (float64's 9999 is not float32); 1244 / 622 = 2.0.
    expect(referenceTable(rows)).toMatchInlineSnapshot(`
      "| case             | Vanish float32 here | tfjs wasm manual loop: here / there |          fastest there (docs/speed.md) | Vanish here ÷ fastest there |
      |:-----------------|--------------------:|------------------------------------:|---------------------------------------:|----------------------------:|
      | tanh RNN T50 H64 |               6,674 |                         800 / 2,205 | plain-JS sketch, 4×4 tiled GEMM: 3,337 |                    **2.0×** |
      | LSTM T50 H64     |               1,244 |                             – / 622 |            tfjs wasm, manual loop: 622 |                    **2.0×** |"
    `);
  });

  it("holds one figure per training case of the benchmark, in the plan's order", () => {
    const cases = [
      ...RNN_CASES.map(([T, H]) => `rnn_tanh ${caseName(T, H)}`),
      ...(["lstm", "gru"] as const).flatMap((cell) => GATED_CASES.map(([T, H]) => `${cell} ${caseName(T, H)}`)),
    ];
    expect(REFERENCE_FIGURES.map((f) => `${f.group} ${f.case}`)).toEqual(cases);
  });
});
