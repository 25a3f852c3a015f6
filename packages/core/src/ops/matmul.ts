import { needsGrad, record } from "../autograd";
import { allocate, type TypedArray } from "../dtype";
import { gemm } from "../kernels/gemm";
import { broadcastShapes, fmt, sizeOf, stridesOf } from "../shape";
import { Tensor } from "../tensor/Tensor";
import { assertSameDType, assertTensor } from "../tensor/assertions";
import { sumTo } from "./broadcast";
import { transpose } from "./transpose";

/** How a gemm call reads the last two axes of an operand without copying. */
interface MatrixView {
  data: TypedArray;
  trans: boolean;
  ld: number;
  t: Tensor;
}

function asMatrix(x: Tensor): MatrixView {
  const r = x.rank;
  const s0 = x.strides[r - 2];
  const s1 = x.strides[r - 1];
  // Row-major rows (element (i, k) at i·ld + k) or a transposed view (element (i, k) at k·ld + i).
  if (s1 === 1 || x.shape[r - 1] <= 1) return { data: x.data, trans: false, ld: s0, t: x };
  if (s0 === 1 || x.shape[r - 2] <= 1) return { data: x.data, trans: true, ld: s1, t: x };
  const c = x.detach().contiguous();
  return { data: c.data, trans: false, ld: c.strides[r - 2], t: c };
}

/**
 * Matrix product over the last two axes: `[..., M, K] × [..., K, N] → [..., M, N]`, with NumPy broadcasting of
 * the leading (batch) axes. Transposed views are read in place (the kernel's trans flags), not copied.
 *
 * @example
 * matmul(tensor([[1, 2], [3, 4]]), tensor([[5], [6]])).toArray(); // [[17], [39]]
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  assertTensor("matmul", "a", a);
  assertTensor("matmul", "b", b);
  assertSameDType("matmul", a, b);
  if (a.rank < 2 || b.rank < 2) {
    throw new RangeError(`matmul: a and b must have at least 2 dimensions, got a=${fmt(a.shape)} and b=${fmt(b.shape)}`);
  }
  const M = a.shape[a.rank - 2];
  const K = a.shape[a.rank - 1];
  const K2 = b.shape[b.rank - 2];
  const N = b.shape[b.rank - 1];
  if (K !== K2) {
    throw new RangeError(`matmul: a.shape[${a.rank - 1}] must equal b.shape[${b.rank - 2}], got a=${fmt(a.shape)} and b=${fmt(b.shape)}`);
  }
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  const batch = broadcastShapes("matmul", aBatch, bBatch, ["a's batch axes", "b's batch axes"]);
  const outShape = [...batch, M, N];
  const out = new Tensor(allocate(a.dtype, sizeOf(outShape)), outShape);
  const A = asMatrix(a);
  const B = asMatrix(b);
  const nb = sizeOf(batch);
  const os = stridesOf(batch);
  for (let q = 0; q < nb; q++) {
    let aOff = A.t.offset;
    let bOff = B.t.offset;
    let rem = q;
    for (let d = 0; d < batch.length; d++) {
      const idx = Math.floor(rem / os[d]);
      rem -= idx * os[d];
      const da = d - (batch.length - aBatch.length);
      const db = d - (batch.length - bBatch.length);
      if (da >= 0 && aBatch[da] !== 1) aOff += idx * A.t.strides[da];
      if (db >= 0 && bBatch[db] !== 1) bOff += idx * B.t.strides[db];
    }
    gemm(A.trans, B.trans, M, N, K, 1, A.data, aOff, A.ld, B.data, bOff, B.ld, 0, out.data, q * M * N, N);
  }
  if (needsGrad(a, b)) {
    record(out, "matmul", [a, b], (g) => [
      a.requiresGrad ? sumTo(matmul(g, transpose(b, swapLast(b.rank))), a.shape) : null,
      b.requiresGrad ? sumTo(matmul(transpose(a, swapLast(a.rank)), g), b.shape) : null,
    ]);
  }
  return out;
}

function swapLast(rank: number): number[] {
  const p = Array.from({ length: rank }, (_, i) => i);
  p[rank - 2] = rank - 1;
  p[rank - 1] = rank - 2;
  return p;
}
