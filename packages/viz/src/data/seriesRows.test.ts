import { describe, expect, it } from "vitest";
import { checkSeries, countFlags, flagOf, seriesRows, valueText } from "./seriesRows";

describe("flagOf and valueText", () => {
  it("flags non-finite values always and non-positive values on log axes only", () => {
    expect([1, NaN, Infinity, -Infinity, 0, -2].map((v) => flagOf(v, true))).toEqual([
      "ok",
      "nonFinite",
      "nonFinite",
      "nonFinite",
      "nonPositive",
      "nonPositive",
    ]);
    expect([0, -2].map((v) => flagOf(v, false))).toEqual(["ok", "ok"]);
  });

  it("writes four significant digits, and names NaN and the infinities", () => {
    expect([0.000123456, 12345.678, NaN, -Infinity, 0].map(valueText)).toEqual(["0.0001235", "12350", "NaN", "-Infinity", "0"]);
  });
});

describe("checkSeries", () => {
  it("fills in x positions from the default and keeps given steps", () => {
    const checked = checkSeries("f", [{ label: "a", values: [1, 2] }, { label: "b", values: [3], steps: [10], cell: "gru" }], (i) => i + 1);
    expect(checked).toEqual([
      { label: "a", values: [1, 2], steps: [1, 2] },
      { label: "b", values: [3], steps: [10], cell: "gru" },
    ]);
  });

  it("names the function, the argument, what it expected and what it got", () => {
    const f = (series: unknown) => () => checkSeries("myChart", series, (i) => i);
    expect(f({})).toThrow(new TypeError("myChart: series must be an array of { label, values }, got object"));
    expect(f([null])).toThrow(new TypeError("myChart: series[0] must be an object { label, values, cell?, strategy?, steps? }, got null"));
    expect(f([{ values: [] }])).toThrow(new TypeError("myChart: series[0].label must be a string, got undefined"));
    expect(f([{ label: "a", values: [1, "2"] }])).toThrow(new TypeError('myChart: series[0].values[1] must be a number, got string "2"'));
    expect(f([{ label: "a", values: [1, 2], steps: [1] }])).toThrow(
      new RangeError("myChart: series[0].steps must have the same length as series[0].values (2), got 1"),
    );
    expect(f([{ label: "a", values: [1], steps: [NaN] }])).toThrow(new RangeError("myChart: series[0].steps[0] must be finite, got NaN"));
    expect(f([{ label: "a", values: [], cell: "LSTM" }])).toThrow(
      new TypeError('myChart: series[0].cell must be one of rnn_tanh, rnn_relu, lstm, gru, got string "LSTM"'),
    );
    expect(f([{ label: "a", values: [] }, { label: "a", values: [] }])).toThrow(
      new RangeError('myChart: series[1].label must be unique, got "a" twice'),
    );
  });
});

describe("seriesRows", () => {
  it("turns undrawable values into null y with a flag, and marks isolated points", () => {
    const [s] = checkSeries("f", [{ label: "a", values: [1, NaN, 2, 0, 3, 4] }], (i) => i);
    const rows = seriesRows([s!], true);
    expect(rows.map((r) => [r.x, r.y, r.flag, r.value, r.isolated])).toEqual([
      [0, 1, "ok", "1", true],
      [1, null, "nonFinite", "NaN", false],
      [2, 2, "ok", "2", true],
      [3, null, "nonPositive", "0", false],
      [4, 3, "ok", "3", false],
      [5, 4, "ok", "4", false],
    ]);
    expect(countFlags(rows)).toEqual({ nonFinite: 1, nonPositive: 1 });
  });

  it("keeps zero and negative values on a linear axis", () => {
    const [s] = checkSeries("f", [{ label: "a", values: [-1, 0] }], (i) => i);
    expect(seriesRows([s!], false).map((r) => r.y)).toEqual([-1, 0]);
  });
});
