import { expect } from "vitest";

type Numbers = ArrayLike<number> | number;

/**
 * The one tolerance check every package uses: each element must satisfy
 * |actual − expected| ≤ atol + rtol·|expected| (NaN matches NaN, ±Infinity matches itself).
 * On failure it reports the first offending index with both values.
 */
export function expectClose(actual: Numbers, expected: Numbers, { rtol = 1e-6, atol = 1e-9 } = {}): void {
  const a = typeof actual === "number" ? [actual] : Array.from(actual);
  const e = typeof expected === "number" ? [expected] : Array.from(expected);
  expect(a.length, "length").toBe(e.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = e[i];
    const same = Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y)) || Math.abs(x - y) <= atol + rtol * Math.abs(y);
    if (!same) {
      expect.fail(`element ${i}: got ${x}, expected ${y} (|diff| ${Math.abs(x - y)} > atol ${atol} + rtol ${rtol}·|expected|)`);
    }
  }
}
