import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gradientNormChart } from "@vanish/viz";
import { describe, expect, it } from "vitest";
import { writeReport, type ReportContent } from "./writeReport";

const spec = gradientNormChart([{ label: "RNN", cell: "rnn_tanh", values: [1e-3, 1e-2, 1e-1] }], { width: 200, height: 120 });

describe("writeReport", () => {
  it("writes index.html with the intro, titles, captions and footer, and one PNG per figure", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "vanish-write-")), "out");
    const content: ReportContent = {
      title: "A <test> report",
      intro: ["First finding."],
      figures: [
        { name: "norms", title: "1. Norms", spec, caption: ["The RNN's gradient falls 10× per step."] },
        { name: "norms-again", title: "2. Again", spec, caption: [] },
      ],
      footer: "Made in a test.",
    };
    const written = await writeReport(content, dir);
    expect(written).toEqual({ html: join(dir, "index.html"), pngs: [join(dir, "norms.png"), join(dir, "norms-again.png")] });
    const html = readFileSync(written.html, "utf8");
    for (const text of ["<title>A &lt;test&gt; report</title>", "<p>First finding.</p>", "<h2>1. Norms</h2>", "The RNN&#39;s gradient falls 10× per step.", "Made in a test."]) {
      expect(html).toContain(text);
    }
    for (const png of written.pngs) expect(readFileSync(png).subarray(1, 4).toString()).toBe("PNG");
  });

  it("refuses figure names that are not unique lowercase file stems, before writing anything", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "vanish-write-")), "out");
    const figure = { name: "Norms", title: "t", spec, caption: [] };
    await expect(writeReport({ title: "t", intro: [], figures: [figure], footer: "" }, dir)).rejects.toThrow(
      'writeReport: figure names must be unique lowercase file stems (a-z, 0-9, -), got "Norms"',
    );
    const twice = [{ ...figure, name: "a" }, { ...figure, name: "a" }];
    await expect(writeReport({ title: "t", intro: [], figures: twice, footer: "" }, dir)).rejects.toThrow('got "a"');
    expect(existsSync(dir)).toBe(false);
  });
});
