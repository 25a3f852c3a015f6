// The tensor class: typed-array storage read through shape, strides and offset, plus the autodiff graph node
// and reverse mode over it (each op records its backward on its output; see ../autograd.ts).
import { brandTensorClass } from "../coreCopy";
import { allocate, dtypeOf, type DType, type TypedArray } from "../dtype";
import { isRecording, noGrad } from "../gradMode";
import { fmt, sameShape, sizeOf, stridesOf, type Shape } from "../shape";

/** What an op records on its output so that reverse mode can run: its inputs and its backward. */
export interface GradNode {
  /** The op's name, for error messages and debugging. */
  readonly op: string;
  readonly inputs: readonly Tensor[];
  /** Given dL/d(output), returns dL/d(input) for each input (null where an input needs none). */
  readonly backward: (grad: Tensor) => readonly (Tensor | null)[];
}

/**
 * An n-dimensional array of float32 or float64 values in row-major order.
 *
 * `data` is shared by views: `reshape` of a contiguous tensor, `transpose` and `slice` return tensors that
 * read the same buffer through their own `shape`, `strides` and `offset`. Kernels that need a dense buffer call
 * {@link Tensor.contiguous}, which is free when the tensor already is one.
 */
export class Tensor {
  // Recognisable by `isTensor` across copies of @vanish/core (see ../brand.ts and ../coreCopy.ts), where `instanceof` is not.
  static {
    brandTensorClass(this);
  }

  readonly data: TypedArray;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly size: number;
  readonly dtype: DType;
  /** Whether gradients flow to this tensor; leaves with `requiresGrad` collect them in {@link grad}. */
  requiresGrad: boolean;
  /** The accumulated gradient of a leaf after {@link backward}. */
  grad: Tensor | null = null;
  /** @internal The op that produced this tensor, when recorded for autodiff. */
  node: GradNode | null = null;

  constructor(data: TypedArray, shape: Shape, options: { strides?: Shape; offset?: number; requiresGrad?: boolean } = {}) {
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.strides = Object.freeze(options.strides ? [...options.strides] : stridesOf(shape));
    this.offset = options.offset ?? 0;
    this.size = sizeOf(shape);
    this.dtype = dtypeOf(data);
    this.requiresGrad = options.requiresGrad ?? false;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** True when the elements sit densely in row-major order starting at `offset`. */
  isContiguous(): boolean {
    let s = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      if (this.shape[i] !== 1 && this.strides[i] !== s) return false;
      s *= this.shape[i];
    }
    return true;
  }

  /** The element at a multi-index (negative indices count from the end). */
  get(...index: number[]): number {
    if (index.length !== this.rank) {
      throw new RangeError(`Tensor.get: expected ${this.rank} indices for shape ${fmt(this.shape)}, got ${index.length}`);
    }
    let p = this.offset;
    for (let i = 0; i < index.length; i++) {
      let k = index[i];
      const d = this.shape[i];
      if (!Number.isInteger(k) || k < -d || k >= d) {
        throw new RangeError(`Tensor.get: index ${i} must be an integer in [${-d}, ${d - 1}], got ${k}`);
      }
      if (k < 0) k += d;
      p += k * this.strides[i];
    }
    return this.data[p];
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new RangeError(`Tensor.item: tensor must have one element, got shape ${fmt(this.shape)}`);
    return this.data[this.offset];
  }

  /** A dense copy of the values, in row-major order, of this tensor's dtype. */
  toTypedArray(): TypedArray {
    const c = this.contiguous();
    return c.data.slice(c.offset, c.offset + this.size);
  }

  /** The values as nested arrays (a number for rank 0). */
  toArray(): NestedArray {
    const flat = this.contiguous();
    const data = flat.data;
    const build = (dim: number, start: number): NestedArray => {
      if (dim === this.rank) return data[flat.offset + start];
      const out: NestedArray[] = [];
      const stride = flat.strides[dim];
      for (let i = 0; i < this.shape[dim]; i++) out.push(build(dim + 1, start + i * stride));
      return out;
    };
    return build(0, 0);
  }

  /** This tensor when dense, otherwise a dense copy (recorded for autodiff). */
  contiguous(): Tensor {
    if (this.isContiguous()) return this;
    return copyStrided(this);
  }

  /** A dense copy that does not share data and is not connected to the graph. */
  clone(): Tensor {
    const out = new Tensor(allocate(this.dtype, this.size), this.shape);
    stridedCopy(this, out.data);
    return out;
  }

  /** The same data without autodiff history. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape, { strides: this.strides, offset: this.offset });
  }

  /**
   * Computes d`this`/d(leaf) for every leaf that requires grad and **adds** it to the leaf's `grad`
   * (call `zeroGrad` or set `grad = null` between steps, as in PyTorch).
   *
   * @param grad dL/d`this`; defaults to 1 for a one-element tensor.
   */
  backward(grad?: Tensor): void {
    reverseMode(this, grad);
  }

  /** Sets {@link grad} back to null. */
  zeroGrad(): void {
    this.grad = null;
  }

  toString(): string {
    return `Tensor(${this.dtype}, ${fmt(this.shape)})`;
  }
}

export type NestedArray = number | NestedArray[];

/** Copies a strided tensor into a dense array. */
export function stridedCopy(src: Tensor, dst: TypedArray, dstOffset = 0): void {
  const { shape, strides, data } = src;
  const rank = shape.length;
  if (src.size === 0) return;
  if (src.isContiguous()) {
    dst.set(data.subarray(src.offset, src.offset + src.size), dstOffset);
    return;
  }
  const index = new Array<number>(rank).fill(0);
  const last = rank - 1;
  const n = shape[last];
  const s = strides[last];
  let p = src.offset;
  let q = dstOffset;
  for (;;) {
    for (let i = 0, r = p; i < n; i++, r += s) dst[q++] = data[r];
    let d = last - 1;
    for (; d >= 0; d--) {
      index[d]++;
      p += strides[d];
      if (index[d] < shape[d]) break;
      p -= strides[d] * shape[d];
      index[d] = 0;
    }
    if (d < 0) return;
  }
}

function copyStrided(x: Tensor): Tensor {
  const out = x.clone();
  if (x.requiresGrad && isRecording()) {
    out.requiresGrad = true;
    out.node = { op: "contiguous", inputs: [x], backward: (g) => [g] };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reverse mode (the public entry points are Tensor.backward and autograd's backward)

function reverseMode(root: Tensor, grad?: Tensor): void {
  if (!root.requiresGrad) {
    throw new TypeError("backward: root does not require grad (no input had requiresGrad: true, or it was computed inside noGrad)");
  }
  if (grad === undefined) {
    if (root.size !== 1) {
      throw new RangeError(`backward: grad must be given for a root with more than one element, got root shape ${fmt(root.shape)}`);
    }
    const one = allocate(root.dtype, 1);
    one[0] = 1;
    grad = new Tensor(one, root.shape);
  } else if (!sameShape(grad.shape, root.shape)) {
    throw new RangeError(`backward: grad must have the root's shape ${fmt(root.shape)}, got ${fmt(grad.shape)}`);
  }

  // Topological order by iterative depth-first search (long BPTT graphs would overflow recursion).
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  const stack: [Tensor, number][] = [[root, 0]];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const inputs = top[0].node?.inputs ?? [];
    if (top[1] < inputs.length) {
      const next = inputs[top[1]++];
      if (next.requiresGrad && !seen.has(next)) {
        seen.add(next);
        stack.push([next, 0]);
      }
    } else {
      order.push(top[0]);
      stack.pop();
    }
  }

  const grads = new Map<Tensor, Tensor>();
  grads.set(root, grad);
  noGrad(() => {
    for (let i = order.length - 1; i >= 0; i--) {
      const t = order[i];
      const g = grads.get(t);
      if (!g) continue;
      grads.delete(t);
      if (!t.node) {
        t.grad = t.grad ? addInto(t.grad, g) : ownCopy(g);
        continue;
      }
      const inputGrads = t.node.backward(g);
      t.node.inputs.forEach((x, k) => {
        const gx = inputGrads[k];
        if (!gx || !x.requiresGrad) return;
        if (!sameShape(gx.shape, x.shape)) {
          throw new Error(`backward: internal error in ${t.node!.op}: gradient shape ${fmt(gx.shape)} for input ${fmt(x.shape)}`);
        }
        const prev = grads.get(x);
        grads.set(x, prev ? addInto(ownIfShared(prev, x), gx) : gx);
      });
    }
  });
}

/** A dense, privately owned copy (leaf grads must never alias another tensor's data). */
function ownCopy(g: Tensor): Tensor {
  return g.clone();
}

const owned = new WeakSet<Tensor>();
function ownIfShared(g: Tensor, _x: Tensor): Tensor {
  if (owned.has(g)) return g;
  const c = g.clone();
  owned.add(c);
  return c;
}

/** acc += g, in place on a dense acc. */
function addInto(acc: Tensor, g: Tensor): Tensor {
  const gd = g.contiguous();
  const a = acc.data;
  const b = gd.data;
  const n = acc.size;
  const ao = acc.offset;
  const bo = gd.offset;
  for (let i = 0; i < n; i++) a[ao + i] += b[bo + i];
  return acc;
}
