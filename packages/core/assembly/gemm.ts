// GEMM for WebAssembly SIMD (128-bit), compiled by scripts/build-wasm.mjs.
//
//   C = alpha·op(A)·op(B) + beta·C        (row-major, BLAS semantics; op(X) is X or Xᵀ)
//
// Every pointer is a byte offset into the one imported memory; every leading dimension (lda, ldb, ldc) is
// counted in elements, as in src/kernels/gemm.ts. The kernels trust their arguments: the JavaScript side
// (src/backend/wasmGemm.ts) checks that the operands lie inside the memory.
//
// ## The register tile
//
// One step of the micro-kernel updates a tile of C that is 4 rows by 32 bytes: 4×8 for float32 (two f32x4
// vectors per row) and 4×4 for float64 (two f64x2 vectors per row). Its 8 accumulators stay in registers for
// the whole k loop. Per k it loads the tile's row of B (2 vectors, unit stride) and, for each of the 4 rows,
// one element of A broadcast to all lanes (`v128.load_splat`), then does 8 multiplies and 8 adds:
//
//              b0        b1              b0, b1 = B[k, j..j+8)        (float32 shown)
//   a0 ·  [ c00 ... | c01 ... ]          a_r    = A[i+r, k] in every lane
//   a1 ·  [ c10 ... | c11 ... ]          c_r0  += a_r·b0,  c_r1 += a_r·b1
//   a2 ·  [ c20 ... | c21 ... ]
//   a3 ·  [ c30 ... | c31 ... ]
//
// That is 8 accumulators + 2 B vectors + 1 broadcast = 11 of the 16 xmm registers V8 can use on x86-64:
// larger tiles (more than 8 accumulators) spilled and ran at 20–48 GFLOPS instead of ~60 on this machine,
// narrower ones reload B more often than they use it. Relaxed SIMD's fused multiply-add is not used: it needs
// a flag in Node 20 and gained nothing over multiply-then-add here.
//
// ## Blocking and packing
//
// K is cut into blocks of KC so that one panel of B (KC rows × 32 bytes = 8 KiB) stays in L1 while the
// micro-kernel sweeps every 4-row tile of A along it. Each panel is first copied ("packed") into the work area
// as [k][32 bytes], zero-padded past N, so that the micro-kernel streams it with unit stride whatever the
// layout of B. (Reading a row-major B in place instead was no faster at 32·64·64 and up to 1.4× slower at
// n = 256 and 512, where rows 1–4 KiB apart collide in the same L1 sets.) Callers that reuse one B for many
// products (an RNN's weights over all time steps) pack it once with `packB*` and multiply with `gemmPacked*`.
//
// Edges: rows past M re-read the last row of A and are not stored; columns past N come from the zero
// padding and are not stored. beta = 0 never reads C (so C may hold NaN), beta = 1 accumulates.

/** Rows of the register tile. */
const MR: i32 = 4;
/** Bytes in one row of the register tile, and in one k-row of a packed panel: two v128 vectors. */
const PANEL_BYTES: i32 = 32;
/** Depth of one K block (rows of a B panel kept in L1). */
const KC: i32 = 256;
/** Bytes of the work area the caller must provide: one packed panel, then a 4×32-byte tile for edge stores. */
const WORK_BYTES: i32 = KC * PANEL_BYTES + MR * PANEL_BYTES;

/** Size in bytes of the work area every `gemm*` call needs (passed as `work`). */
export function workBytes(): i32 {
  return WORK_BYTES;
}

/** Where the module's own static data ends: the JavaScript arena starts above it. */
export function heapBase(): usize {
  return __heap_base;
}

// ---------------------------------------------------------------------------------------------------------
// float32 and float64 entry points (thin wrappers over the generic kernels below)

export function gemmF32(
  transA: bool, transB: bool, M: i32, N: i32, K: i32, alpha: f32,
  a: usize, lda: i32, b: usize, ldb: i32, beta: f32, c: usize, ldc: i32, work: usize,
): void {
  gemm<f32>(transA, transB, M, N, K, alpha, a, lda, b, ldb, false, beta, c, ldc, work);
}

export function gemmF64(
  transA: bool, transB: bool, M: i32, N: i32, K: i32, alpha: f64,
  a: usize, lda: i32, b: usize, ldb: i32, beta: f64, c: usize, ldc: i32, work: usize,
): void {
  gemm<f64>(transA, transB, M, N, K, alpha, a, lda, b, ldb, false, beta, c, ldc, work);
}

/** C = alpha·op(A)·Bp + beta·C, with Bp made by `packBF32` from the K×N matrix op(B). */
export function gemmPackedF32(
  transA: bool, M: i32, N: i32, K: i32, alpha: f32, a: usize, lda: i32, bp: usize, beta: f32, c: usize, ldc: i32,
  work: usize,
): void {
  gemm<f32>(transA, false, M, N, K, alpha, a, lda, bp, 0, true, beta, c, ldc, work);
}

export function gemmPackedF64(
  transA: bool, M: i32, N: i32, K: i32, alpha: f64, a: usize, lda: i32, bp: usize, beta: f64, c: usize, ldc: i32,
  work: usize,
): void {
  gemm<f64>(transA, false, M, N, K, alpha, a, lda, bp, 0, true, beta, c, ldc, work);
}

/** Packs the K×N matrix op(B) into panels at `dst`: [N/8 rounded up][K][8] float32, zero-padded. */
export function packBF32(transB: bool, K: i32, N: i32, b: usize, ldb: i32, dst: usize): void {
  packAll<f32>(transB, K, N, b, ldb, dst);
}

/** Packs the K×N matrix op(B) into panels at `dst`: [N/4 rounded up][K][4] float64, zero-padded. */
export function packBF64(transB: bool, K: i32, N: i32, b: usize, ldb: i32, dst: usize): void {
  packAll<f64>(transB, K, N, b, ldb, dst);
}

// ---------------------------------------------------------------------------------------------------------
// The generic kernels. T is f32 or f64; `sizeof<T>()` is a compile-time constant, so each instance is
// specialised and the branches on it vanish.

/** Columns of the tile: 8 for f32, 4 for f64. */
// @ts-ignore: decorator
@inline function nr<T>(): i32 {
  return PANEL_BYTES / <i32>sizeof<T>();
}

function gemm<T>(
  transA: bool, transB: bool, M: i32, N: i32, K: i32, alpha: T,
  a: usize, lda: i32, b: usize, ldb: i32, prepacked: bool, beta: T, c: usize, ldc: i32, work: usize,
): void {
  if (M <= 0 || N <= 0) return;
  if (K <= 0 || alpha == 0) {
    scale<T>(M, N, beta, c, ldc);
    return;
  }
  const S = <usize>sizeof<T>();
  const NR = nr<T>();
  const tile = work + <usize>(KC * PANEL_BYTES);
  // A(i, k) sits at a + (i·rowStep + k·kStep) bytes.
  const rowStep: usize = transA ? S : <usize>lda * S;
  const kStep: usize = transA ? <usize>lda * S : S;
  const cRow = <usize>ldc * S;

  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(KC, K - k0);
    const betaK: T = k0 == 0 ? beta : <T>1;
    for (let j0 = 0; j0 < N; j0 += NR) {
      const cols = min(NR, N - j0);
      let bp = work;
      if (prepacked) {
        // Panel j0/NR of a [panel][K][NR] layout, starting at row k0.
        bp = b + (<usize>j0 * <usize>K + <usize>k0 * <usize>NR) * S;
      } else {
        packPanel<T>(transB, b, ldb, k0, kc, j0, cols, work);
      }
      for (let i0 = 0; i0 < M; i0 += MR) {
        const rows = min(MR, M - i0);
        const a0 = a + <usize>i0 * rowStep + <usize>k0 * kStep;
        // Rows past M re-read the last row (results discarded), so the k loop needs no edge case.
        const a1 = a0 + <usize>min(1, rows - 1) * rowStep;
        const a2 = a0 + <usize>min(2, rows - 1) * rowStep;
        const a3 = a0 + <usize>min(3, rows - 1) * rowStep;
        const ct = c + <usize>i0 * cRow + <usize>j0 * S;
        microKernel<T>(a0, a1, a2, a3, kStep, bp, kc, alpha, betaK, ct, cRow, rows, cols, tile);
      }
    }
  }
}

/** The 4-row × 32-byte register tile described at the top of this file, swept along kc rows of a packed panel. */
// @ts-ignore: decorator
@inline function microKernel<T>(
  a0: usize, a1: usize, a2: usize, a3: usize, kStep: usize, bp: usize, kc: i32,
  alpha: T, beta: T, c: usize, cRow: usize, rows: i32, cols: i32, tile: usize,
): void {
  let c00 = v128.splat<T>(0), c01 = v128.splat<T>(0);
  let c10 = v128.splat<T>(0), c11 = v128.splat<T>(0);
  let c20 = v128.splat<T>(0), c21 = v128.splat<T>(0);
  let c30 = v128.splat<T>(0), c31 = v128.splat<T>(0);
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let x = v128.load_splat<T>(a0);
    c00 = v128.add<T>(c00, v128.mul<T>(x, b0));
    c01 = v128.add<T>(c01, v128.mul<T>(x, b1));
    x = v128.load_splat<T>(a1);
    c10 = v128.add<T>(c10, v128.mul<T>(x, b0));
    c11 = v128.add<T>(c11, v128.mul<T>(x, b1));
    x = v128.load_splat<T>(a2);
    c20 = v128.add<T>(c20, v128.mul<T>(x, b0));
    c21 = v128.add<T>(c21, v128.mul<T>(x, b1));
    x = v128.load_splat<T>(a3);
    c30 = v128.add<T>(c30, v128.mul<T>(x, b0));
    c31 = v128.add<T>(c31, v128.mul<T>(x, b1));
    a0 += kStep;
    a1 += kStep;
    a2 += kStep;
    a3 += kStep;
    bp += PANEL_BYTES;
  }
  const va = v128.splat<T>(alpha);
  c00 = v128.mul<T>(c00, va); c01 = v128.mul<T>(c01, va);
  c10 = v128.mul<T>(c10, va); c11 = v128.mul<T>(c11, va);
  c20 = v128.mul<T>(c20, va); c21 = v128.mul<T>(c21, va);
  c30 = v128.mul<T>(c30, va); c31 = v128.mul<T>(c31, va);
  if (rows == MR && cols == nr<T>()) {
    storeRow<T>(c, c00, c01, beta);
    storeRow<T>(c + cRow, c10, c11, beta);
    storeRow<T>(c + 2 * cRow, c20, c21, beta);
    storeRow<T>(c + 3 * cRow, c30, c31, beta);
  } else {
    // A partial tile at the bottom or right edge: spill it and store the valid part element by element.
    v128.store(tile, c00, 0); v128.store(tile, c01, 16);
    v128.store(tile, c10, 32); v128.store(tile, c11, 48);
    v128.store(tile, c20, 64); v128.store(tile, c21, 80);
    v128.store(tile, c30, 96); v128.store(tile, c31, 112);
    storePartial<T>(tile, c, cRow, rows, cols, beta);
  }
}

/** C[row] = v0|v1 + beta·C[row]; beta = 0 does not read C. */
// @ts-ignore: decorator
@inline function storeRow<T>(c: usize, v0: v128, v1: v128, beta: T): void {
  if (beta == 0) {
    v128.store(c, v0);
    v128.store(c, v1, 16);
  } else if (beta == 1) {
    v128.store(c, v128.add<T>(v128.load(c), v0));
    v128.store(c, v128.add<T>(v128.load(c, 16), v1), 16);
  } else {
    const vb = v128.splat<T>(beta);
    v128.store(c, v128.add<T>(v128.mul<T>(v128.load(c), vb), v0));
    v128.store(c, v128.add<T>(v128.mul<T>(v128.load(c, 16), vb), v1), 16);
  }
}

function storePartial<T>(tile: usize, c: usize, cRow: usize, rows: i32, cols: i32, beta: T): void {
  const S = <usize>sizeof<T>();
  for (let r = 0; r < rows; r++) {
    const src = tile + <usize>(r * PANEL_BYTES);
    const dst = c + <usize>r * cRow;
    for (let j = 0; j < cols; j++) {
      const o = <usize>j * S;
      const v = load<T>(src + o);
      store<T>(dst + o, beta == 0 ? v : v + beta * load<T>(dst + o));
    }
  }
}

/** C = beta·C for the degenerate products (K = 0 or alpha = 0); beta = 0 writes zeros without reading C. */
function scale<T>(M: i32, N: i32, beta: T, c: usize, ldc: i32): void {
  if (beta == 1) return;
  const S = <usize>sizeof<T>();
  for (let i = 0; i < M; i++) {
    const row = c + <usize>i * <usize>ldc * S;
    for (let j = 0; j < N; j++) {
      const p = row + <usize>j * S;
      store<T>(p, beta == 0 ? <T>0 : beta * load<T>(p));
    }
  }
}

/**
 * Copies rows k0..k0+kc of columns j0..j0+cols of op(B) to `dst` as [k][NR] (32 bytes per k), filling
 * columns past `cols` with zeros. op(B)(k, j) is b[k·ldb + j], or b[j·ldb + k] when transB.
 */
function packPanel<T>(transB: bool, b: usize, ldb: i32, k0: i32, kc: i32, j0: i32, cols: i32, dst: usize): void {
  const S = <usize>sizeof<T>();
  const NR = nr<T>();
  if (!transB) {
    let src = b + (<usize>k0 * <usize>ldb + <usize>j0) * S;
    const pitch = <usize>ldb * S;
    if (cols == NR) {
      for (let k = 0; k < kc; k++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        src += pitch;
        dst += PANEL_BYTES;
      }
    } else {
      for (let k = 0; k < kc; k++) {
        for (let j = 0; j < NR; j++) {
          store<T>(dst + <usize>j * S, j < cols ? load<T>(src + <usize>j * S) : <T>0);
        }
        src += pitch;
        dst += PANEL_BYTES;
      }
    }
  } else {
    // Column j of the panel is row j0 + j of B, contiguous in k: walk it and scatter with a 32-byte stride.
    for (let j = 0; j < NR; j++) {
      let out = dst + <usize>j * S;
      if (j < cols) {
        let src = b + (<usize>(j0 + j) * <usize>ldb + <usize>k0) * S;
        for (let k = 0; k < kc; k++) {
          store<T>(out, load<T>(src));
          src += S;
          out += PANEL_BYTES;
        }
      } else {
        for (let k = 0; k < kc; k++) {
          store<T>(out, <T>0);
          out += PANEL_BYTES;
        }
      }
    }
  }
}

/** The whole K×N matrix op(B) as ceil(N/NR) panels of K rows, for `gemmPacked*`. */
function packAll<T>(transB: bool, K: i32, N: i32, b: usize, ldb: i32, dst: usize): void {
  const NR = nr<T>();
  for (let j0 = 0; j0 < N; j0 += NR) {
    packPanel<T>(transB, b, ldb, 0, K, j0, min(NR, N - j0), dst);
    dst += <usize>K * <usize>PANEL_BYTES;
  }
}
