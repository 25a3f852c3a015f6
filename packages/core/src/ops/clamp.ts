import { needsGrad, record } from "../autograd";
import { Tensor } from "../tensor/Tensor";
import { assertTensor } from "../tensor/assertions";
import { broadcastMap, mul } from "./arithmetic";
import { map } from "./unary";

/**
 * Limits every element to [min, max] (either bound may be omitted with `-Infinity`/`Infinity`).
 * The gradient passes where min ≤ x ≤ max and is 0 outside (PyTorch's `clamp` backward, bounds included).
 */
export function clamp(x: Tensor, min: number, max: number): Tensor {
  assertTensor("clamp", "x", x);
  if (typeof min !== "number" || Number.isNaN(min)) throw new TypeError(`clamp: min must be a number, got ${String(min)}`);
  if (typeof max !== "number" || Number.isNaN(max)) throw new TypeError(`clamp: max must be a number, got ${String(max)}`);
  if (min > max) throw new RangeError(`clamp: min must be <= max, got min=${min}, max=${max}`);
  const out = map(x, (v) => (v < min ? min : v > max ? max : v));
  if (needsGrad(x)) {
    record(out, "clamp", [x], (g) => [mul(g, broadcastMap("clamp", x, x, (v) => (v >= min && v <= max ? 1 : 0)))]);
  }
  return out;
}
