import { describe, expect, it } from "vitest";
import { describeSpec, runWorker } from "./child";

const tiny = { warmupSeconds: 0, samples: 2, minSeconds: 0.01 };

describe("runWorker", () => {
  it("runs a spec in a separate Node process and returns its report", async () => {
    const report = await runWorker({ kind: "gemm", impl: { library: "vanish", dtype: "float64", backend: "js" }, shapes: [[2, 3, 4]], timing: tiny });
    expect(report.notes).toEqual([]);
    expect(report.rows).toHaveLength(1);
    const [row] = report.rows;
    expect([row.case, row.unit, row.perCall]).toEqual(["2·3·4", "GFLOPS", 48e-9]);
    expect(row.secondsPerCall).toHaveLength(2);
    // A = sin(1000 + 1.37 i) (2×3), B = sin(2000 + 1.37 i) (3×4): Σ C², computed here the slow way.
    const A = (i: number, k: number) => Math.sin(1000 + (i * 3 + k) * 1.37);
    const B = (k: number, j: number) => Math.sin(2000 + (k * 4 + j) * 1.37);
    let expected = 0;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 4; j++) expected += (A(i, 0) * B(0, j) + A(i, 1) * B(1, j) + A(i, 2) * B(2, j)) ** 2;
    expect(row.checksum).toBeCloseTo(expected, 12);
  });

  it("rejects with the worker's error when the spec cannot run", async () => {
    const spec = { kind: "train", impl: { library: "vanish", dtype: "float32", backend: "js" }, problemFile: "/nonexistent/problem.json", timing: tiny } as const;
    await expect(runWorker(spec)).rejects.toThrow(/^runWorker: train vanish float32 js failed:\nError: ENOENT: no such file or directory, open '\/nonexistent\/problem\.json'/);
  });
});

describe("describeSpec", () => {
  it("names the kind and the implementation", () => {
    expect(describeSpec({ kind: "train", impl: { library: "tfjs", backend: "wasm", form: "manual" }, problemFile: "", timing: tiny })).toBe("train tfjs wasm manual");
    expect(describeSpec({ kind: "gemm", impl: { library: "tfjs", backend: "cpu" }, shapes: [], timing: tiny })).toBe("gemm tfjs cpu");
    expect(describeSpec({ kind: "datasets", timing: tiny })).toBe("datasets");
    expect(describeSpec({ kind: "sweep", workers: [1, 2], rounds: 3, steps: 1000 })).toBe("sweep on 1 vs 2 workers");
  });
});
