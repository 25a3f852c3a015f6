import { describe, expect, it } from "vitest";
import { expectError } from "../../test/helpers";
import { sparkline } from "./sparkline";

describe("sparkline", () => {
  it("maps the lowest value to ▁ and the highest to █", () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe("▁▂▃▄▅▆▇█");
    expect(sparkline([1, 2, 3, NaN, 2])).toBe("▁▅█×▅");
  });

  it("shows NaN and ±Infinity as × and keeps them out of the scale", () => {
    expect(sparkline([Infinity, 0, 1, -Infinity])).toBe("×▁█×");
  });

  it("uses a log scale on request, drawing zero and negative values as ·", () => {
    expect(sparkline([1e-6, 1e-3, 1, 0], { log: true })).toBe("▁▅█·");
  });

  it("averages into at most `width` buckets; a bucket with a non-finite value shows ×", () => {
    expect(sparkline([1, 1, 2, 2, 3, 3], { width: 3 })).toBe("▁▅█");
    expect(sparkline([1, 1, 2, NaN, 3, 3], { width: 3 })).toBe("▁×█");
    expect(sparkline([1, 2], { width: 10 })).toBe("▁█");
  });

  it("honours a fixed min and max, clamping values outside", () => {
    expect(sparkline([0.5, 0.75, 1, 2], { min: 0, max: 1 })).toBe("▅▆██");
  });

  it("draws a flat series at mid height and an empty one as the empty string", () => {
    expect(sparkline([2, 2, 2])).toBe("▄▄▄");
    expect(sparkline([])).toBe("");
  });

  it("rejects non-numbers and a bad width", () => {
    expectError(() => sparkline([1, "2" as never]), TypeError, 'sparkline: values[1] must be a number, got string "2"');
    expectError(() => sparkline([1], { width: 0 }), RangeError, "sparkline: options.width must be a positive integer, got number 0");
  });
});
