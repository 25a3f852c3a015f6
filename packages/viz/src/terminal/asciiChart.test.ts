import { describe, expect, it } from "vitest";
import { expectError } from "../../test/helpers";
import { asciiChart } from "./asciiChart";

describe("asciiChart", () => {
  it("draws a plain array with three y labels, joined columns and a legend", () => {
    expect(asciiChart([4, 3, 2, 1, 0], { width: 9, height: 5, title: "loss" })).toMatchInlineSnapshot(`
      "loss
      4 ┤●●       
        │  ●●     
      2 ┤    ●●   
        │      ●● 
      0 ┤        ●
        └─────────
         0       4
         ● values"
    `);
  });

  it("overlays series on a log scale with × for non-finite and ▼ for ≤ 0 values", () => {
    const chart = asciiChart(
      [
        { label: "tanh", values: [1e-6, 1e-4, 1e-2, 1] },
        { label: "relu", values: [100, NaN, 0, 1] },
      ],
      { width: 4, height: 5, log: true },
    );
    expect(chart).toMatchInlineSnapshot(`
      "   100 ┤○×  
             │   ○
        0.01 ┤  ● 
             │ ●  
      1.0e-6 ┤● ▼ 
             └────
              0  3
              ● tanh  ○ relu  × non-finite  ▼ ≤ 0 (off the log scale)  (log scale)"
    `);
  });

  it("says (no data) when there is nothing to draw", () => {
    expect(asciiChart([])).toBe("(no data)");
    expect(asciiChart([{ label: "a", values: [] }], { title: "t" })).toBe("t\n(no data)");
  });

  it("rejects a bad size and too many series", () => {
    expectError(() => asciiChart([1, 2], { height: 2 }), RangeError, "asciiChart: options.height must be an integer ≥ 3, got number 2");
    expectError(() => asciiChart([1, 2], { width: 1.5 }), RangeError, "asciiChart: options.width must be an integer ≥ 2, got number 1.5");
    const nine = Array.from({ length: 9 }, (_, i) => ({ label: `s${i}`, values: [i] }));
    expectError(() => asciiChart(nine), RangeError, "asciiChart: series must hold at most 8 series, got 9");
  });
});
