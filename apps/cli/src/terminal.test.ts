import { describe, expect, it } from "vitest";
import { colours, fmt, pct, progressBar } from "./terminal";

describe("terminal", () => {
  it("colours only when enabled", () => {
    expect(colours(false).red("x")).toBe("x");
    expect(colours(true).red("x")).toBe("\u001b[31mx\u001b[39m");
    expect(colours(true).bold("x")).toBe("\u001b[1mx\u001b[22m");
  });

  it("formats numbers for people", () => {
    expect([fmt(0.123456), fmt(1234.5678), fmt(2e-7), fmt(3e8), fmt(0), fmt(null), fmt(NaN), fmt(-Infinity)]).toEqual(["0.1235", "1235", "2.00e-7", "3.00e+8", "0", "—", "NaN", "-Infinity"]);
    expect([pct(0.9876), pct(null)]).toEqual(["98.8%", "—"]);
  });

  it("draws no progress bar when disabled or when stderr is not a terminal", () => {
    expect(progressBar("{bar}", false)).toBeNull();
    if (process.stderr.isTTY !== true) expect(progressBar("{bar}", true)).toBeNull();
  });
});
