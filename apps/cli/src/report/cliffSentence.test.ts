import { describe, expect, it } from "vitest";
import { cliffExperiment } from "../experiments/cliff/cliffExperiment";
import type { SgdPath } from "../experiments/cliff/sgdPath";
import { cliffSentence, longestStep } from "./cliffSentence";

describe("longestStep", () => {
  it("finds the longest update of a path", () => {
    const path: SgdPath = { w: [0, 1, 1, 4], b: [0, 0, 2, 6], error: [], gradNorm: [], clipped: [] };
    expect(longestStep(path)).toEqual({ k: 2, length: 5 });
  });
});

describe("cliffSentence", () => {
  it("describes the jump of plain SGD and the bounded steps of clipped SGD from the computed paths", () => {
    const r = cliffExperiment({ w: [2, 9, 8], b: [-5, 5, 11] });
    const text = cliffSentence(r);
    const jump = longestStep(r.plain);
    expect(jump.length).toBeGreaterThan(5);
    expect(text).toMatch(/^Plain SGD \(learning rate 0\.5\) from \(4\.5, -2\.5\) met a gradient of norm [\d.,]+ at step \d+ and was thrown [\d.]+ in one update/);
    expect(text).toContain(`at step ${jump.k + 1} `);
    expect(text).toMatch(/no update is longer than 0\.5,/);
    expect(text).toMatch(/updates clipped/);
  });
});
