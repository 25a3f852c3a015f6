import { describe, expect, it } from "vitest";
import { sigmoid32, sigmoid64, tanh32 } from "./fastMath";

describe("tanh32 / sigmoid32", () => {
  const grid = Array.from({ length: 400_001 }, (_, k) => -20 + k * 1e-4);

  it("stay within 3e-7 (tanh) and 1.4e-7 (σ) of the exact functions everywhere", () => {
    let tanhErr = 0;
    let sigErr = 0;
    for (const x of grid) {
      tanhErr = Math.max(tanhErr, Math.abs(tanh32(x) - Math.tanh(x)));
      sigErr = Math.max(sigErr, Math.abs(sigmoid32(x) - sigmoid64(x)));
    }
    expect(tanhErr).toBeLessThanOrEqual(3e-7);
    expect(sigErr).toBeLessThanOrEqual(1.4e-7);
  });

  it("are odd / symmetric, exact at 0, and saturate to ±1 in float32", () => {
    for (const x of [0.001, 0.3, 2, 7, 30]) {
      expect(tanh32(-x)).toBe(-tanh32(x));
      expect(sigmoid32(-x)).toBeCloseTo(1 - sigmoid32(x), 15);
    }
    expect(tanh32(0)).toBe(0);
    expect(sigmoid32(0)).toBe(0.5);
    expect(tanh32(9)).toBe(1);
    expect(tanh32(-1e30)).toBe(-1);
    expect(tanh32(Infinity)).toBe(1);
  });

  it("keep tiny arguments relative-accurate (tanh x ≈ x)", () => {
    expect(tanh32(1e-20) / 1e-20).toBeCloseTo(1, 6);
  });

  it("propagate NaN", () => {
    expect(tanh32(NaN)).toBeNaN();
    expect(sigmoid32(NaN)).toBeNaN();
  });
});
