import { describe, expect, it } from "vitest";
import { describeValue } from "./describeValue";
import { Tensor } from "./tensor/Tensor";

describe("describeValue", () => {
  it("names each kind of value briefly", () => {
    const cases: [unknown, string][] = [
      [null, "null"],
      [undefined, "undefined"],
      [3, "3"],
      [NaN, "NaN"],
      [-Infinity, "-Infinity"],
      [true, "true"],
      [10n, "10"],
      ["x", 'the string "x"'],
      [[1, 2, 3], "an array of length 3"],
      [new Float32Array(4), "Float32Array(4)"],
      [() => 1, "a function"],
      [Symbol("s"), "Symbol(s)"],
      [{ a: 1 }, "an object"],
      [Object.create(null), "an object"],
      [new Tensor(new Float32Array(1), [1]), "a Tensor"],
      [new Map(), "a Map"],
    ];
    for (const [value, text] of cases) expect(describeValue(value)).toBe(text);
  });
});
