import { describe, expect, it } from "vitest";
import { formatPercent, formatRate, formatRatio, formatSpread } from "./format";

describe("formatRate", () => {
  it("separates thousands above 100 and keeps three significant digits below", () => {
    expect([12345.4, 2205, 100, 41.66, 6.314, 0.6061].map(formatRate)).toEqual(["12,345", "2,205", "100", "41.7", "6.31", "0.606"]);
  });

  it("prints non-finite values as they are", () => {
    expect(formatRate(Number.NaN)).toBe("NaN");
  });
});

describe("formatRatio", () => {
  it("gives two decimals below 1, one up to 100, none above", () => {
    expect([0.456, 1, 5.24, 99.94, 123.4].map(formatRatio)).toEqual(["0.46×", "1.0×", "5.2×", "99.9×", "123×"]);
  });

  it("prints a dash for a ratio that cannot be formed", () => {
    expect(formatRatio(Number.NaN)).toBe("–");
    expect(formatRatio(Infinity)).toBe("–");
  });
});

describe("formatSpread", () => {
  it("shows half the relative range", () => {
    expect([0.04, 0.5].map(formatSpread)).toEqual(["±2.0%", "±25%"]);
  });
});

describe("formatPercent", () => {
  it("signs the fraction with a true minus", () => {
    expect([0.031, -0.004, 0.25].map(formatPercent)).toEqual(["+3.1%", "−0.4%", "+25%"]);
  });
});
