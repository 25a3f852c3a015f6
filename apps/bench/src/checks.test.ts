import { describe, expect, it } from "vitest";
import { checkChecksums, checkLosses, describeFailures } from "./checks";
import type { Measurement } from "./results";
import type { Impl } from "./spec";

function row(impl: Impl, extra: Partial<Measurement>): Measurement {
  const id = impl.library === "vanish" ? `vanish-${impl.dtype}-${impl.backend}` : impl.library === "tfjs" ? `tfjs-${impl.backend}-${"form" in impl ? impl.form : ""}` : "brain.js";
  return { workload: "rnn", group: "rnn_tanh", impl, id, label: id, case: "T50 H64", unit: "seq/s", median: 1, min: 1, max: 1, spread: 0, samples: [1], notes: [], ...extra };
}

const v64: Impl = { library: "vanish", dtype: "float64", backend: "js" };
const v32: Impl = { library: "vanish", dtype: "float32", backend: "wasm" };
const layers: Impl = { library: "tfjs", backend: "cpu", form: "layers" };
const manual: Impl = { library: "tfjs", backend: "wasm", form: "manual" };

describe("checkLosses", () => {
  it("compares first losses to Vanish float64, and second losses only where the update is PyTorch's", () => {
    const [check] = checkLosses([
      row(v32, { losses: [0.69312, 0.68], pytorchUpdate: true }),
      row(v64, { losses: [0.69310, 0.68], pytorchUpdate: true }),
      row(layers, { losses: [0.69311, 0.6], pytorchUpdate: false }),
      row(manual, { losses: [0.69309, 0.68001], pytorchUpdate: true }),
      row({ library: "brain.js" }, { losses: [7.6, 7.5], pytorchUpdate: false }),
    ]);
    expect(check.reference).toBe("vanish-float64-js");
    expect(check.ok).toBe(true);
    expect(check.agreements.map((a) => a.id)).toEqual(["vanish-float32-wasm", "tfjs-cpu-layers", "tfjs-wasm-manual"]);
    expect(check.agreements[1].second).toBeNull();
    expect(check.agreements[2].second).toBeCloseTo(1e-5, 12);
  });

  it("fails a first loss off by more than 1e-4 and says which and by how much", () => {
    const checks = checkLosses([row(v64, { losses: [0.5, 0.4], pytorchUpdate: true }), row(manual, { losses: [0.5002, 0.4], pytorchUpdate: true })]);
    expect(checks[0].ok).toBe(false);
    expect(describeFailures(checks)).toMatch(
      /^the implementations did not do the same work:\nrnn rnn_tanh T50 H64: tfjs-wasm-manual does not match the losses \[0\.5, 0\.4\] of vanish-float64-js \(first loss off by 0\.000199\d+, second by 0\)$/,
    );
  });

  it("fails a second loss that differs after a PyTorch-style update", () => {
    const checks = checkLosses([row(v64, { losses: [0.5, 0.4], pytorchUpdate: true }), row(v32, { losses: [0.5, 0.41], pytorchUpdate: true })]);
    expect(checks[0].agreements[0].ok).toBe(false);
  });

  it("checks each case on its own", () => {
    const checks = checkLosses([
      row(v64, { losses: [0.5, 0.4] }),
      row(v64, { case: "T200 H64", losses: [0.7, 0.6] }),
      row(manual, { case: "T200 H64", losses: [0.7, 0.6], pytorchUpdate: true }),
    ]);
    expect(checks.map((c) => [c.case, c.agreements.length, c.ok])).toEqual([
      ["T50 H64", 0, true],
      ["T200 H64", 1, true],
    ]);
    expect(describeFailures(checks)).toBeNull();
  });
});

describe("checkChecksums", () => {
  it("compares Σ C² across dtypes and libraries, relatively", () => {
    const gemm = (impl: Impl, checksum: number, group: string) => row(impl, { workload: "gemm", group, case: "64·64·64", checksum });
    const tfjs: Impl = { library: "tfjs", backend: "cpu", form: "manual" };
    const checks = checkChecksums([gemm(v32, 1000.5, "float32"), gemm(v64, 1000, "float64"), gemm(tfjs, 1002, "float32")]);
    expect(checks).toHaveLength(1);
    expect(checks[0].agreements.map((a) => [a.id, a.ok])).toEqual([
      ["vanish-float32-wasm", true],
      ["tfjs-cpu-manual", false],
    ]);
    expect(describeFailures(checks)).toBe(
      "the implementations did not do the same work:\ngemm  64·64·64: tfjs-cpu-manual does not match the Σ C² 1000 of vanish-float64-js (relative difference 0.002)",
    );
  });
});
