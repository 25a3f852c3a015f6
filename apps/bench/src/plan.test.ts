import { describe, expect, it } from "vitest";
import { implId } from "./impls";
import { FULL_TIMING, QUICK_TIMING } from "./measure";
import { plan, sweepSize, tfjsImpls } from "./plan";

describe("plan", () => {
  it("runs every workload's implementations, case by case", () => {
    const jobs = plan(["rnn", "gated", "gemm", "overhead", "datasets"]);
    const rnn = jobs.filter((j) => j.workload === "rnn");
    // 4 Vanish + 4 tfjs + brain.js, at 4 cases.
    expect(rnn).toHaveLength(36);
    expect(rnn.slice(0, 9).map((j) => ("steps" in j ? `${j.steps}/${j.hiddenSize}` : ""))).toEqual(Array(9).fill("50/64"));
    expect(rnn.slice(0, 9).map((j) => ("impl" in j ? implId(j.impl) : ""))).toEqual([
      "vanish-float32-js",
      "vanish-float32-wasm",
      "vanish-float64-js",
      "vanish-float64-wasm",
      "tfjs-cpu-layers",
      "tfjs-cpu-manual",
      "tfjs-wasm-layers",
      "tfjs-wasm-manual",
      "brain.js",
    ]);
    // LSTM: 9 per case; GRU has no tfjs layers form: 7 per case; 2 cases each.
    expect(jobs.filter((j) => j.workload === "gated")).toHaveLength(32);
    expect(jobs.filter((j) => j.workload === "gemm").map((j) => ("impl" in j ? implId(j.impl) : ""))).toEqual([
      "vanish-float32-js",
      "vanish-float32-wasm",
      "vanish-float64-js",
      "vanish-float64-wasm",
      "tfjs-cpu",
      "tfjs-wasm",
    ]);
    expect(jobs.filter((j) => j.workload === "overhead")).toHaveLength(2);
    expect(jobs.slice(-2)).toEqual([
      { workload: "datasets", part: "generation" },
      { workload: "datasets", part: "sweep" },
    ]);
  });

  it("runs only the workloads asked for", () => {
    expect(new Set(plan(["gemm"]).map((j) => j.workload))).toEqual(new Set(["gemm"]));
  });

  it("gives a GRU only tfjs's manual loop (its gru layer cannot be reset-after)", () => {
    expect(tfjsImpls("gru").map(implId)).toEqual(["tfjs-cpu-manual", "tfjs-wasm-manual"]);
  });

  it("sizes the sweep by the timing: three rounds of 1000-step runs in a full run, one short round otherwise", () => {
    expect(sweepSize(FULL_TIMING)).toEqual({ rounds: 3, steps: 1000 });
    expect(sweepSize(QUICK_TIMING)).toEqual({ rounds: 1, steps: 100 });
  });
});
