// Reverse-mode automatic differentiation over the graph that ops record on their outputs
// (in the manner of karpathy/micrograd: each op's backward sits beside its forward).
import { allocate } from "./dtype";
import { fmt, sameShape } from "./shape";
import { isTensor } from "./brand";
import { Tensor, type GradNode } from "./tensor";

let disabled = 0;

/** True when ops record their backward (not inside {@link noGrad}). */
export function isRecording(): boolean {
  return disabled === 0;
}

/** Runs `fn` without recording autodiff history (for updates, evaluation and backward passes themselves). */
export function noGrad<T>(fn: () => T): T {
  disabled++;
  try {
    return fn();
  } finally {
    disabled--;
  }
}

/** True when an op with these inputs must record its backward. */
export function needsGrad(...inputs: readonly (Tensor | number | null | undefined)[]): boolean {
  if (disabled !== 0) return false;
  for (const x of inputs) if (isTensor(x, "needsGrad", "input") && x.requiresGrad) return true;
  return false;
}

/** Attaches a backward to `out` (called by ops after `needsGrad` said yes). */
export function record(out: Tensor, op: string, inputs: readonly Tensor[], backward: GradNode["backward"]): Tensor {
  out.requiresGrad = true;
  out.node = { op, inputs, backward };
  return out;
}

/**
 * Computes d`root`/d(leaf) for every leaf that requires grad and **adds** it to the leaf's `grad`
 * (call `zeroGrad` or set `grad = null` between steps, as in PyTorch).
 *
 * @param grad dL/d`root`; defaults to 1 for a one-element root.
 */
export function backward(root: Tensor, grad?: Tensor): void {
  if (!isTensor(root, "backward", "root")) throw new TypeError(`backward: root must be a Tensor, got ${String(root)}`);
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
