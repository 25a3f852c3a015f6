import { describe, expect, it } from "vitest";
import { formatCount, formatNumber, formatPercent, listText } from "./format";

describe("format", () => {
  it("writes fractions as percentages with one decimal", () => {
    expect([0.8734, 1, 0, 0.5004, NaN].map(formatPercent)).toEqual(["87.3%", "100.0%", "0.0%", "50.0%", "n/a"]);
  });

  it("writes measured numbers with 3 significant digits, scientific outside [1e-3, 1e5)", () => {
    expect([14.2031, 0.026123, 1620.77, 0.09, 8.123e-21, -3.5e7, 0.001, 99999, 0, 2].map((v) => formatNumber(v))).toEqual([
      "14.2",
      "0.0261",
      "1,620",
      "0.09",
      "8.12e-21",
      "-3.5e7",
      "0.001",
      "1e5",
      "0",
      "2",
    ]);
    expect([NaN, Infinity, -Infinity].map((v) => formatNumber(v))).toEqual(["NaN", "∞", "-∞"]);
    expect(formatNumber(0.123456, 2)).toBe("0.12");
  });

  it("writes counts with separators and lists with commas and 'and'", () => {
    expect(formatCount(12500)).toBe("12,500");
    expect([[], ["a"], ["a", "b"], ["a", "b", "c"]].map(listText)).toEqual(["", "a", "a and b", "a, b and c"]);
  });
});
