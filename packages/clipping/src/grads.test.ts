import { describe, expect, it } from "vitest";
import { checkInteger, checkNumber, checkPositive, countElements, countTensors } from "./grads";
import { t } from "../test/helpers";

describe("argument checks", () => {
  it("checkNumber, checkInteger and checkPositive say the rule and the value", () => {
    expect(checkNumber("f", "x", 0.5, 0, 1)).toBe(0.5);
    expect(() => checkNumber("f", "x", 0, 0, 1, false)).toThrow(new RangeError("f: x must be in (0, 1], got 0"));
    expect(() => checkNumber("f", "x", null, 0)).toThrow(new TypeError("f: x must be a number, got null"));
    expect(checkInteger("f", "n", Infinity, 1)).toBe(Infinity);
    expect(() => checkInteger("f", "n", 1.5, 1, 9)).toThrow(new RangeError("f: n must be an integer in [1, 9], got 1.5"));
    expect(() => checkPositive("f", "c", -0)).toThrow(new RangeError("f: c must be a finite number > 0, got 0"));
  });

  it("counts elements and tensors, skipping null entries", () => {
    const grads = [t([1, 2, 3]), null, t([[1, 2]]), undefined];
    expect(countElements(grads)).toBe(5);
    expect(countTensors(grads)).toBe(2);
  });
});
