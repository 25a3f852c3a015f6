import { describe, expect, it } from "vitest";
import { generateAgreement } from "./dataset";
import { AgreementStats, formatSummary, summarizeAgreement } from "./stats";

describe("summarizeAgreement", () => {
  const xs = generateAgreement(3, "default", 400);
  const s = summarizeAgreement(xs);

  it("counts labels and builds histograms that add up", () => {
    expect(s.count).toBe(400);
    const sum = (h: readonly { count: number }[]) => h.reduce((a, b) => a + b.count, 0);
    expect(sum(s.labels)).toBe(400);
    expect(sum(s.distance.histogram)).toBe(400);
    expect(s.labels.find((h) => h.value === 1)!.count).toBe(xs.filter((x) => x.label === 1).length);
    expect(s.pluralShare).toBe(xs.filter((x) => x.meta.number === 1).length / 400);
    expect(s.distance.min).toBe(Math.min(...xs.map((x) => x.meta.distance)));
    expect(s.attractors.max).toBe(Math.max(...xs.map((x) => x.meta.attractors)));
    expect(s.inputLength.mean).toBeCloseTo(xs.reduce((a, x) => a + x.ids.length, 0) / 400, 10);
    expect(s.attractors.histogram.map((h) => h.value)).toEqual([0, 1, 2, 3, 4]);
  });

  it("accumulates a stream to the same summary, and renders Markdown", () => {
    const stats = new AgreementStats();
    for (const x of xs) stats.add(x);
    expect(stats.summary()).toEqual(s);
    const md = formatSummary(summarizeAgreement(generateAgreement(1, "easy", 4)));
    expect(md).toMatchInlineSnapshot(`
      "4 examples, 75% plural targets, 0 held-out subjects

      | field | min | mean | max |
      |---|---|---|---|
      | distance | 2 | 6.25 | 14 |
      | attractors | 0 | 0.25 | 1 |
      | depth | 0 | 0 | 0 |
      | nesting | 0 | 0 | 0 |
      | prefix | 0 | 0 | 0 |
      | length | 7 | 10.50 | 18 |
      | inputLength | 4 | 7.75 | 15 |

      labels: 0: 1, 1: 3
      attractors: 0: 3, 1: 1
      depth: 0: 4"
    `);
    expect(new AgreementStats().summary().distance).toEqual({ min: 0, max: 0, mean: 0, histogram: [] });
  });
});
