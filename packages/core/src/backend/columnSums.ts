import type { TypedArray } from "../dtype";
import { wasmBackend } from "./backend";
import { arenaPointer } from "./arenaOperand";

/**
 * out[outOff + c] += Σ_r A[aOff + r·lda + c] for a rows×cols block: the bias gradients of a layer, summed over
 * all time steps and examples of its pre-activation gradients `[T·B, G·H]`. A kernel: it trusts its arguments.
 *
 * When A and out are float32 arrays in the wasm arena (`wasmArray`) and the wasm backend is in use, it runs
 * `assembly/recurrent.ts` (four vector accumulators per strip of 16 columns, summed in float32 from zero and
 * then added to `out`); otherwise the plain loop below, adding each row into `out` in the array's precision.
 */
export function columnSumsKernel(rows: number, cols: number, A: TypedArray, aOff: number, lda: number, out: TypedArray, outOff: number): void {
  if (rows <= 0 || cols <= 0) return;
  const w = wasmBackend();
  if (w !== null && lda >= cols) {
    const pa = arenaPointer(A, aOff, (rows - 1) * lda + cols, w.buffer);
    const po = arenaPointer(out, outOff, cols, w.buffer);
    if (pa >= 0 && po >= 0) {
      w.kernels.columnSumsF32(rows, cols, pa, lda, po);
      return;
    }
  }
  for (let r = 0; r < rows; r++) {
    const base = aOff + r * lda;
    for (let c = 0; c < cols; c++) out[outOff + c] += A[base + c];
  }
}
