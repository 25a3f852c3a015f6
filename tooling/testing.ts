import { expect } from "vitest";

type Numbers = ArrayLike<number> | number;

/**
 * The one tolerance check every package uses: each element must satisfy
 * |actual − expected| ≤ atol + rtol·|expected| (NaN matches NaN, ±Infinity matches itself only).
 * On failure it reports the element that misses by the most, with both values.
 */
export function expectClose(actual: Numbers, expected: Numbers, { rtol = 1e-6, atol = 1e-9 } = {}): void {
  const a = typeof actual === "number" ? [actual] : Array.from(actual);
  const e = typeof expected === "number" ? [expected] : Array.from(expected);
  expect(a.length, "length").toBe(e.length);
  let worst = -1;
  let excess = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = e[i];
    if (Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y))) continue;
    const miss = Math.abs(x - y) - (atol + rtol * Math.abs(y));
    // A NaN miss (NaN against a number, or mismatched infinities) counts as the worst possible.
    const m = Number.isNaN(miss) || !Number.isFinite(y) ? Infinity : miss;
    if (m > excess) {
      excess = m;
      worst = i;
    }
  }
  if (worst >= 0) {
    const x = a[worst];
    const y = e[worst];
    expect.fail(`element ${worst}: got ${x}, expected ${y} (|diff| ${Math.abs(x - y)} > atol ${atol} + rtol ${rtol}·|expected|)`);
  }
}
