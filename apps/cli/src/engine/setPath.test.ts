import { describe, expect, it } from "vitest";
import { setPath } from "./setPath";

describe("setPath", () => {
  it("sets a dotted path on a copy, creating objects and opening short forms", () => {
    const base = { optimizer: "sgd", task: { name: "adding" } };
    expect(setPath(base, "optimizer.lr", 0.1)).toEqual({ optimizer: { name: "sgd", lr: 0.1 }, task: { name: "adding" } });
    expect(setPath(base, "task.knobs.length", 5)).toEqual({ optimizer: "sgd", task: { name: "adding", knobs: { length: 5 } } });
    expect(setPath({}, "bptt.k1", 3)).toEqual({ bptt: { k1: 3 } });
    expect(base).toEqual({ optimizer: "sgd", task: { name: "adding" } });
  });

  it("refuses to go inside a value that is not an object", () => {
    expect(() => setPath({ steps: 10 }, "steps.max", 3)).toThrow('setPath: "steps.max" goes inside steps, which is 10, not an object');
  });
});
