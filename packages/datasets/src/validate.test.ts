import { describe, expect, it } from "vitest";
import { checkInt, checkNumber, checkOneOf, checkRange, show } from "./validate";

describe("validate", () => {
  it("accepts valid values and returns them", () => {
    expect(checkInt("f", "n", 3, 0, 5)).toBe(3);
    expect(checkNumber("f", "p", 0.5, 0, 1)).toBe(0.5);
    expect(checkOneOf("f", "mode", "a", ["a", "b"])).toBe("a");
    expect(checkRange("f", "r", 4)).toEqual([4, 4]);
    expect(checkRange("f", "r", [1, 9], 0)).toEqual([1, 9]);
  });

  it("names the function, the argument, the rule and the value", () => {
    expect(() => checkInt("f", "n", 1.5)).toThrow(new TypeError("f: n must be an integer, got 1.5"));
    expect(() => checkInt("f", "n", "3")).toThrow(new TypeError('f: n must be an integer, got "3"'));
    expect(() => checkInt("f", "n", 9, 0, 5)).toThrow(new RangeError("f: n must be in [0, 5], got 9"));
    expect(() => checkInt("f", "n", -1, 0)).toThrow(new RangeError("f: n must be in [0, ∞), got -1"));
    expect(() => checkNumber("f", "p", NaN)).toThrow(new TypeError("f: p must be a finite number, got NaN"));
    expect(() => checkNumber("f", "p", 2, -Infinity, 1)).toThrow(new RangeError("f: p must be in (−∞, 1], got 2"));
    expect(() => checkOneOf("f", "mode", "c", ["a", "b"])).toThrow(
      new TypeError('f: mode must be one of "a", "b", got "c"'),
    );
    expect(() => checkRange("f", "r", [3, 1])).toThrow(new RangeError("f: r must have min ≤ max, got [3, 1]"));
    expect(() => checkRange("f", "r", [1, 2, 3])).toThrow(
      new TypeError("f: r must be an integer or an inclusive range [min, max], got [1, 2, 3]"),
    );
    expect(() => checkRange("f", "r", [0, 2], 1)).toThrow(new RangeError("f: r[0] must be in [1, ∞), got 0"));
  });

  it("shows received values briefly", () => {
    expect(show(new Int32Array(3))).toBe("Int32Array(3)");
    expect(show([1, 2, 3, 4, 5, 6, 7, 8, 9])).toBe("[1, 2, 3, 4, 5, 6, 7, 8, …]");
    expect(show({ a: 1 })).toBe("an object");
    expect(show(() => 1)).toBe("a function");
    expect(show(null)).toBe("null");
  });
});
