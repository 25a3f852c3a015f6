import { KERNELS_WASM_BASE64 } from "./kernelsWasm.generated";

/**
 * The exports of the kernel module built from assembly/*.ts. Pointers are byte offsets into the arena's memory;
 * booleans are passed as 0/1; leading dimensions are in elements. See assembly/gemm.ts for the semantics.
 */
export interface KernelExports {
  workBytes(): number;
  heapBase(): number;
  gemmF32(tA: number, tB: number, M: number, N: number, K: number, alpha: number, a: number, lda: number, b: number, ldb: number, beta: number, c: number, ldc: number, work: number): void;
  gemmF64(tA: number, tB: number, M: number, N: number, K: number, alpha: number, a: number, lda: number, b: number, ldb: number, beta: number, c: number, ldc: number, work: number): void;
  gemmPackedF32(tA: number, M: number, N: number, K: number, alpha: number, a: number, lda: number, bp: number, beta: number, c: number, ldc: number, work: number): void;
  gemmPackedF64(tA: number, M: number, N: number, K: number, alpha: number, a: number, lda: number, bp: number, beta: number, c: number, ldc: number, work: number): void;
  packBF32(tB: number, K: number, N: number, b: number, ldb: number, dst: number): void;
  packBF64(tB: number, K: number, N: number, b: number, ldb: number, dst: number): void;
  tanhF32(rows: number, cols: number, x: number, ldx: number, y: number, ldy: number, bias: number): void;
  sigmoidF32(rows: number, cols: number, x: number, ldx: number, y: number, ldy: number, bias: number): void;
  lstmForwardF32(n: number, H: number, gates: number, bias: number, cPrev: number, c: number, tanhC: number, h: number): void;
  lstmBackwardF32(n: number, H: number, gates: number, cPrev: number, tanhC: number, dh: number, dcIn: number, dcOut: number, dcPrev: number, dG: number): void;
  gruForwardF32(n: number, H: number, gi: number, gh: number, bih: number, bhh: number, hPrev: number, h: number): void;
  gruBackwardF32(n: number, H: number, gates: number, gh: number, hPrev: number, dh: number, dGi: number, dGh: number, dhPrev: number): void;
  columnSumsF32(rows: number, cols: number, a: number, lda: number, out: number): void;
}

/**
 * The smallest module that uses SIMD: one function `() -> v128` whose body is `i32.const 0; i8x16.splat`.
 * A runtime without WebAssembly SIMD rejects it in `WebAssembly.validate`, before anything is compiled.
 */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: one type, () -> (v128)
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0x0b, // code: no locals; i32.const 0, i8x16.splat, end
]);

let simd: boolean | undefined;

/** Whether this runtime has WebAssembly with 128-bit SIMD (Node ≥ 16.4, current browsers). Cached. */
export function simdSupported(): boolean {
  if (simd === undefined) {
    try {
      simd = typeof WebAssembly === "object" && WebAssembly.validate(SIMD_PROBE);
    } catch {
      simd = false;
    }
  }
  return simd;
}

/** The kernel module's bytes, decoded from the base64 string the build inlined. */
export function kernelBytes(): Uint8Array<ArrayBuffer> {
  const text = atob(KERNELS_WASM_BASE64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

let compiled: WebAssembly.Module | null = null;

/**
 * The compiled kernel module, compiled synchronously on first use (a few milliseconds for ~5 KB of wasm).
 * Synchronous compilation works in Node and in workers; where a browser's main thread refuses it,
 * {@link compileKernelsAsync} is the way (see docs/BACKENDS.md).
 */
export function compileKernels(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(kernelBytes());
  return compiled;
}

/** The compiled kernel module, compiled off the main thread where the runtime can. */
export async function compileKernelsAsync(): Promise<WebAssembly.Module> {
  compiled ??= await WebAssembly.compile(kernelBytes());
  return compiled;
}
