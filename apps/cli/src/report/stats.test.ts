import { describe, expect, it } from "vitest";
import { formatPercent } from "./format";
import { formatMeanStd, meanStd } from "./stats";

describe("meanStd and formatMeanStd", () => {
  it("computes the sample standard deviation (n − 1)", () => {
    expect(meanStd([1, 2, 3, 4])).toEqual({ mean: 2.5, std: Math.sqrt(5 / 3) });
    expect(meanStd([7])).toEqual({ mean: 7, std: 0 });
    expect(meanStd([])).toEqual({ mean: NaN, std: NaN });
  });

  it("writes one value plainly and several as mean ± std", () => {
    expect(formatMeanStd([0.0931])).toBe("0.0931");
    expect(formatMeanStd([0.1, 0.2, 0.3])).toBe("0.2 ± 0.1");
    expect(formatMeanStd([0.9, 1], formatPercent)).toBe("95.0% ± 7.1%");
  });
});
