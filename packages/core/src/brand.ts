// Recognises a Tensor made by another copy of @vanish/core, where `instanceof` fails: two installed versions (a
// library that brought its own core), or the ESM and the CJS build of one version in one process (the dual package
// hazard). Every Tensor prototype carries the copy that made it under a key shared by the whole realm (coreCopy.ts).
import { type CoreCopy, coreCopy, TENSOR_BRAND } from "./coreCopy";
import type { Tensor } from "./tensor/Tensor";

export { type CoreCopy, coreCopy } from "./coreCopy";

/**
 * True when `x` is a Tensor of this copy of @vanish/core or of a compatible copy; false when it is no Tensor.
 *
 * Two copies are compatible when their tensor formats are equal and their versions satisfy each other's caret range
 * (same major version; for 0.x the same minor too, so 0.1.0 and 0.1.1 share tensors, 0.1.x and 0.2.x do not).
 * A Tensor of an incompatible copy is an installation problem, not a wrong argument, so it throws a TypeError that
 * names both copies, starting with `fn` and `arg`, and `arg[index]` when an `index` ≥ 0 is given (e.g.
 * `isTensor(g, "clipGradNorm", "grads", 0)`): the message is built only on failure, so a check in a hot loop allocates
 * nothing.
 */
export function isTensor(x: unknown, fn = "isTensor", arg = "x", index = -1): x is Tensor {
  if (typeof x !== "object" || x === null) return false;
  const copy = (x as { [TENSOR_BRAND]?: unknown })[TENSOR_BRAND];
  if (copy === coreCopy) return true;
  if (!isCoreCopy(copy)) return false;
  if (compatible(copy, coreCopy)) return true;
  throw new TypeError(
    `${fn}: ${arg}${index >= 0 ? `[${index}]` : ""} is a Tensor from another copy of @vanish/core that cannot share tensors with this one: ` +
      `two copies of @vanish/core are loaded: ${copy.version} at ${copy.location}, ${coreCopy.version} at ${coreCopy.location}` +
      (copy.format !== coreCopy.format ? ` (tensor formats ${copy.format} and ${coreCopy.format})` : "") +
      `; install a single version (\`npm ls @vanish/core\` shows where each comes from)`,
  );
}

function isCoreCopy(c: unknown): c is CoreCopy {
  return typeof c === "object" && c !== null && typeof (c as CoreCopy).version === "string" && typeof (c as CoreCopy).format === "number";
}

/** Equal tensor formats and versions within one caret range of each other (semver's rule for `^`). */
export function compatible(a: CoreCopy, b: CoreCopy): boolean {
  if (a.format !== b.format) return false;
  const [am, an] = a.version.split(".").map(Number);
  const [bm, bn] = b.version.split(".").map(Number);
  return am === bm && (am !== 0 || an === bn);
}
