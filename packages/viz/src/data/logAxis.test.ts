import { describe, expect, it } from "vitest";
import { logAxis, powerOfTenLabel } from "./logAxis";

describe("powerOfTenLabel", () => {
  it("writes powers of ten with superscript exponents", () => {
    expect([0, 1, 2, -1, -21, 10].map(powerOfTenLabel)).toEqual(["1", "10", "10²", "10⁻¹", "10⁻²¹", "10¹⁰"]);
  });
});

describe("logAxis", () => {
  it("spans whole decades around the data, with a tick per decade", () => {
    const axis = logAxis([0.003, 0.2, 45]);
    expect(axis.domain).toEqual([1e-3, 1e2]);
    expect(axis.ticks).toEqual([1e-3, 1e-2, 1e-1, 1, 10, 100]);
  });

  it("keeps exact powers of ten on the domain's edge", () => {
    expect(logAxis([1e-3, 1]).domain).toEqual([1e-3, 1]);
  });

  it("thins ticks to every few decades on a wide range, keeping the top decade", () => {
    const axis = logAxis([8e-21, 0.27]);
    expect(axis.domain).toEqual([1e-21, 1]);
    expect(axis.ticks).toEqual([1e-21, 1e-18, 1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 1]);
    expect(logAxis([8e-21, 0.27], 4).ticks).toEqual([1e-21, 1e-14, 1e-7, 1]);
  });

  it("ignores NaN, ±Infinity, zero and negative values", () => {
    expect(logAxis([NaN, Infinity, -Infinity, 0, -5, 0.5, 2]).domain).toEqual([0.1, 10]);
  });

  it("widens a single value to a decade on each side, and falls back to [0.1, 10] with no positive value", () => {
    expect(logAxis([3]).domain).toEqual([1, 10]);
    expect(logAxis([1]).domain).toEqual([0.1, 10]);
    expect(logAxis([]).domain).toEqual([0.1, 10]);
    expect(logAxis([0, NaN]).ticks).toEqual([0.1, 1, 10]);
  });

  it("labels each tick through a Vega expression that compares exact literals", () => {
    const axis = logAxis([0.01, 10]);
    expect(axis.labelExpr).toBe(
      "datum.value === 1e-2 ? '10⁻²' : datum.value === 1e-1 ? '10⁻¹' : datum.value === 1e0 ? '1' : datum.value === 1e1 ? '10' : datum.label",
    );
    // The expression is plain JavaScript too: evaluate it for each tick.
    const label = new Function("datum", `return ${axis.labelExpr};`) as (d: { value: number; label: string }) => string;
    expect(axis.ticks.map((value) => label({ value, label: "?" }))).toEqual(["10⁻²", "10⁻¹", "1", "10"]);
    expect(label({ value: 0.5, label: "0.5" })).toBe("0.5");
  });
});
