import { describe, expect, it } from "vitest";
import { fillOperand, shapeName, sumOfSquares } from "./operands";

describe("operands", () => {
  it("fills the same values into either dtype, up to float32 rounding", () => {
    const a = new Float64Array(4);
    const b = new Float32Array(4);
    fillOperand(a, 2);
    fillOperand(b, 2);
    expect(a[0]).toBe(Math.sin(2000));
    expect(a[3]).toBe(Math.sin(2000 + 3 * 1.37));
    expect(Array.from(b)).toEqual(Array.from(a, Math.fround));
  });

  it("sums squares", () => {
    expect(sumOfSquares([1, -2, 3])).toBe(14);
  });

  it("names a shape M·K·N", () => {
    expect(shapeName([32, 64, 128])).toBe("32·64·128");
  });
});
