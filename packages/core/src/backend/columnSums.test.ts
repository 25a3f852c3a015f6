import { afterAll, describe, expect, it } from "vitest";
import { expectClose } from "../../../../tooling/testing";
import { Random } from "../random";
import { freeWasmArray, isWasmArray, wasmArray } from "./arena";
import { setBackend } from "./backend";
import { columnSumsKernel } from "./columnSums";

afterAll(() => setBackend("auto"));

type Make = (n: number) => Float32Array | Float64Array;
const MODES: [string, "wasm" | "js", Make, { rtol: number; atol: number }][] = [
  ["float32 in the wasm arena (the SIMD kernel)", "wasm", (n) => wasmArray("float32", n), { rtol: 1e-5, atol: 1e-5 }],
  ["float32 outside the arena (the JavaScript loop)", "wasm", (n) => new Float32Array(n), { rtol: 1e-5, atol: 1e-5 }],
  ["float64 on the js backend (the JavaScript loop)", "js", (n) => new Float64Array(n), { rtol: 1e-13, atol: 1e-13 }],
];

// Column counts cover the 16-wide strips, the 4-wide ones and the single-column tail, alone and together.
const SHAPES = [[1, 1], [5, 3], [37, 4], [37, 5], [2, 16], [37, 17], [9, 21], [50, 35]] as const;

describe.each(MODES)("columnSumsKernel, %s", (_name, backend, make, tol) => {
  it.each(SHAPES)("rows %i, cols %i (padded rows, offsets): adds each column's sum into out", (rows, cols) => {
    setBackend(backend);
    const rng = new Random(rows * 100 + cols);
    const [aOff, lda, outOff] = [5, cols + 3, 2];
    const A = make(aOff + rows * lda);
    for (let i = 0; i < A.length; i++) A[i] = 2 * rng.uniform() - 1;
    const out = make(outOff + cols + 1);
    for (let i = 0; i < out.length; i++) out[i] = rng.uniform();
    const want = Array.from(out);
    for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) want[outOff + c] += A[aOff + r * lda + c];
    columnSumsKernel(rows, cols, A, aOff, lda, out, outOff);
    expectClose(out, want, tol);
    for (const a of [A, out]) if (isWasmArray(a)) freeWasmArray(a);
  });
});

describe("columnSumsKernel", () => {
  it("leaves out unchanged for zero rows or columns", () => {
    const out = Float32Array.of(1, 2);
    columnSumsKernel(0, 2, new Float32Array(4), 0, 2, out, 0);
    columnSumsKernel(2, 0, new Float32Array(4), 0, 2, out, 0);
    expect(Array.from(out)).toEqual([1, 2]);
  });
});
