import { checkShape, fmt } from "../shape";

/** fan_in and fan_out as PyTorch computes them: `[out, in, ...receptive]`. */
export function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  checkShape("fans", "shape", shape);
  if (shape.length < 2) {
    throw new RangeError(`fans: shape must have at least 2 dimensions [out, in, ...], got ${fmt(shape)}`);
  }
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
}
