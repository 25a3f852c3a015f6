/** The element types a {@link Tensor} can hold. */
export type DType = "float32" | "float64";

/** The typed arrays behind tensors, one per {@link DType}. */
export type TypedArray = Float32Array | Float64Array;

export const DTYPES: readonly DType[] = ["float32", "float64"];

/** A new zero-filled typed array of `dtype` with `length` elements. */
export function allocate(dtype: DType, length: number): TypedArray {
  return dtype === "float64" ? new Float64Array(length) : new Float32Array(length);
}

/** The dtype of a typed array. */
export function dtypeOf(array: TypedArray): DType {
  return array instanceof Float64Array ? "float64" : "float32";
}

export function assertDType(fn: string, arg: string, value: unknown): asserts value is DType {
  if (value !== "float32" && value !== "float64") {
    throw new TypeError(`${fn}: ${arg} must be "float32" or "float64", got ${JSON.stringify(value)}`);
  }
}
