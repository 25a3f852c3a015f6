import { expectArray, expectFiniteNumbers, expectNumbers, expectSameLength } from "./validate";

/** A rectangular matrix of numbers (non-finite entries allowed), `rows × cols`; every row as long as the first. */
export function expectMatrix(fn: string, path: string, value: unknown): readonly (readonly number[])[] {
  const rows = expectArray(fn, path, value, "rows (arrays of numbers)");
  const checked = rows.map((row, i) => expectNumbers(fn, `${path}[${i}]`, row));
  for (let i = 1; i < checked.length; i++) {
    expectSameLength(fn, `${path}[${i}]`, checked[i]!.length, `${path}[0]`, checked[0]!.length);
  }
  return checked;
}

/** Finite, strictly increasing coordinates (grid axes, time steps). */
export function expectIncreasing(fn: string, path: string, value: unknown): readonly number[] {
  const xs = expectFiniteNumbers(fn, path, value);
  for (let i = 1; i < xs.length; i++) {
    if (!(xs[i]! > xs[i - 1]!)) {
      throw new RangeError(`${fn}: ${path} must be strictly increasing, got ${xs[i - 1]} then ${xs[i]} at index ${i}`);
    }
  }
  return xs;
}
