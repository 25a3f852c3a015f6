import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectRejection } from "../../test/helpers";
import { gradientNormChart } from "../charts/gradientNormChart";
import { saveChart } from "./saveChart";

describe("saveChart", () => {
  const spec = gradientNormChart([{ label: "a", values: [1, 0.1] }], { title: "Saved" });
  const dir = mkdtempSync(join(tmpdir(), "viz-save-"));

  it("writes SVG, PNG, HTML or JSON by extension, creating directories", async () => {
    await saveChart(spec, join(dir, "out", "chart.svg"));
    await saveChart(spec, join(dir, "out", "chart.PNG"));
    await saveChart(spec, join(dir, "chart.html"));
    await saveChart(spec, join(dir, "chart.json"));
    expect(readFileSync(join(dir, "out", "chart.svg"), "utf8")).toMatch(/^<svg/);
    expect([...readFileSync(join(dir, "out", "chart.PNG")).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(readFileSync(join(dir, "chart.html"), "utf8")).toContain("<title>Saved</title>");
    expect(JSON.parse(readFileSync(join(dir, "chart.json"), "utf8"))).toEqual(JSON.parse(JSON.stringify(spec)));
  });

  it("rejects an unknown extension, listing the known ones", async () => {
    await expectRejection(saveChart(spec, "chart.pdf"), RangeError, 'saveChart: file must end in one of .svg, .png, .html, .json, got "chart.pdf"');
  });
});
