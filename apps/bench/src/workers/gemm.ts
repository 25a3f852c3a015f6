import { gemm, getBackend, setBackend } from "@vanish/core";
import { isWasmArray, wasmArray } from "@vanish/core/kernels";
import { measure } from "../measure";
import { fillOperand, shapeName, sumOfSquares } from "../operands";
import type { GemmSpec, WorkerReport, WorkerRow } from "../spec";
import { loadTfjs } from "./loadTfjs";

/**
 * GFLOPS of C = A·B (no transposes, C overwritten; a multiply-add counts as 2 flops) for each shape. Vanish calls
 * core's `gemm` kernel; on the wasm backend its operands are arrays in core's wasm arena (`wasmArray`), which
 * is what lets the product run in WebAssembly. tfjs calls `tf.matMul` and reads the result back (`dataSync`),
 * as a caller must to use it.
 */
export async function runGemm(spec: GemmSpec): Promise<WorkerReport> {
  const { impl } = spec;
  const rows: WorkerRow[] = [];
  const notes: string[] = [];
  if (impl.library === "vanish") {
    setBackend(impl.backend);
    for (const shape of spec.shapes) {
      const [M, K, N] = shape;
      const make = (n: number) =>
        impl.backend === "wasm" ? wasmArray(impl.dtype, n) : impl.dtype === "float64" ? new Float64Array(n) : new Float32Array(n);
      const A = make(M * K);
      const B = make(K * N);
      const C = make(M * N);
      fillOperand(A, 1);
      fillOperand(B, 2);
      const call = () => gemm(false, false, M, N, K, 1, A, 0, K, B, 0, N, 0, C, 0, N);
      call();
      const checksum = sumOfSquares(C);
      if (impl.backend === "wasm" && (getBackend() !== "wasm" || !isWasmArray(A) || !isWasmArray(C))) {
        notes.push(`vanish wasm: ${shapeName(shape)} did not run on the wasm kernels`);
      }
      rows.push({ case: shapeName(shape), unit: "GFLOPS", perCall: (2 * M * N * K) / 1e9, secondsPerCall: await measure(call, spec.timing), checksum });
    }
  } else {
    const { tf, notes: tfNotes } = await loadTfjs(impl.backend);
    notes.push(...tfNotes);
    for (const shape of spec.shapes) {
      const [M, K, N] = shape;
      const A = new Float32Array(M * K);
      const B = new Float32Array(K * N);
      fillOperand(A, 1);
      fillOperand(B, 2);
      const a = tf.tensor2d(A, [M, K]);
      const b = tf.tensor2d(B, [K, N]);
      const call = (): number => {
        const c = tf.matMul(a, b);
        const first = c.dataSync()[0];
        c.dispose();
        return first;
      };
      const c = tf.matMul(a, b);
      const checksum = sumOfSquares(c.dataSync());
      c.dispose();
      rows.push({ case: shapeName(shape), unit: "GFLOPS", perCall: (2 * M * N * K) / 1e9, secondsPerCall: await measure(call, spec.timing), checksum });
      tf.dispose([a, b]);
    }
  }
  return { rows, notes };
}
