import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BEGIN, END, QUOTING_READMES, readmeSections, spliceSection, trainingSummary } from "./readmes";
import type { BenchResult, Measurement } from "./results";
import type { Impl } from "./spec";

function m(impl: Impl | null, id: string, extra: Partial<Measurement>): Measurement {
  const median = extra.median ?? 1;
  return { workload: "rnn", group: "rnn_tanh", impl, id, label: id, case: "T50 H64", unit: "seq/s", median, min: median, max: median, spread: 0, samples: [median], notes: [], ...extra };
}
const f32 = (backend: "js" | "wasm"): Impl => ({ library: "vanish", dtype: "float32", backend });
const f64 = (backend: "js" | "wasm"): Impl => ({ library: "vanish", dtype: "float64", backend });

const rows: Measurement[] = [
  m(f32("js"), "vanish-float32-js", { median: 1000, macPerUnit: 10 }),
  m(f32("wasm"), "vanish-float32-wasm", { median: 5000, macPerUnit: 10 }),
  m(f64("js"), "vanish-float64-js", { median: 1500, macPerUnit: 10 }),
  m(f64("wasm"), "vanish-float64-wasm", { median: 1200, macPerUnit: 10 }),
  m({ library: "tfjs", backend: "wasm", form: "manual" }, "tfjs wasm manual", { median: 500, macPerUnit: 10 }),
  // Fewer sequences but 4× the work each: per unit of work brain.js (400) beats tfjs (500 × 10 < 200 × 40).
  m({ library: "brain.js" }, "brain.js", { median: 200, macPerUnit: 40 }),
  m(f32("wasm"), "vanish-float32-wasm", { workload: "gated", group: "lstm", median: 2000, macPerUnit: 40 }),
  m({ library: "tfjs", backend: "cpu", form: "manual" }, "tfjs cpu manual", { workload: "gated", group: "lstm", median: 100, macPerUnit: 40 }),
];

describe("trainingSummary", () => {
  it("gives each case Vanish's best rate per dtype and its ratio to the fastest alternative per unit of work", () => {
    expect(trainingSummary(rows)).toMatchInlineSnapshot(`
      "| case             | Vanish float32 seq/s (backend) | Vanish float64 seq/s (backend) | fastest alternative per unit of work: seq/s | Vanish float32 ÷ it |
      |:-----------------|-------------------------------:|-------------------------------:|--------------------------------------------:|--------------------:|
      | tanh RNN T50 H64 |                   5,000 (wasm) |                     1,500 (js) |                               brain.js: 200 |            **6.3×** |
      | LSTM T50 H64     |                   2,000 (wasm) |                              – |                        tfjs cpu manual: 100 |           **20.0×** |"
    `);
  });
});

describe("spliceSection", () => {
  const readme = `# pkg\n\ntext\n\n${BEGIN}\nold numbers\n${END}\n\nmore\n`;

  it("replaces the fenced lines and keeps everything else", () => {
    expect(spliceSection(readme, `${BEGIN}\nnew\n${END}`, "x/README.md")).toBe(`# pkg\n\ntext\n\n${BEGIN}\nnew\n${END}\n\nmore\n`);
  });

  it("names the file and what is missing when the fences are not there", () => {
    expect(() => spliceSection("# pkg\n", "", "packages/x/README.md")).toThrow(`spliceSection: packages/x/README.md must hold one "${BEGIN}" line followed by one "${END}" line, got no begin line`);
    expect(() => spliceSection(`${END}\n${BEGIN}\n`, "", "a.md")).toThrow(/got the end line before the begin line or none$/);
  });

  it("finds the fences in every README that quotes BENCHMARKS.md", () => {
    for (const path of QUOTING_READMES) {
      const text = readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");
      expect(() => spliceSection(text, "", path)).not.toThrow();
    }
  });
});

describe("readmeSections", () => {
  it("writes one fenced section per quoting README, stating where the numbers come from", () => {
    const result = {
      schema: 2,
      mode: "full",
      command: "bench",
      machine: { date: "2026-11-27T10:00:00.000Z", cpu: "AMD EPYC", cores: 2, memoryGiB: 23.5, os: "Linux", node: "v20.20.2", v8: "11.3", loadAverage: { start: 0.2, max: 1.1, end: 1.05 }, packages: {}, commit: "abc1234" },
      timing: { warmupSeconds: 1, samples: 5, minSeconds: 0.5 },
      measurements: rows,
      checks: [],
      notes: [],
      seconds: 1,
    } satisfies BenchResult;
    const sections = readmeSections(result);
    expect(Object.keys(sections)).toEqual([...QUOTING_READMES]);
    for (const text of Object.values(sections)) {
      expect(text.startsWith(`${BEGIN}\nFrom [BENCHMARKS.md](../../BENCHMARKS.md): 2026-11-27 10:00 UTC, AMD EPYC (2 cores), Node v20.20.2, sources at abc1234, load average at most 1.1 during the run (up to 2 is the benchmark itself)`)).toBe(true);
      expect(text.endsWith(END)).toBe(true);
    }
    expect(sections["packages/rnn/README.md"]).toContain(trainingSummary(rows));
    // Workloads this result did not run say so instead of showing an empty table.
    expect(sections["packages/clipping/README.md"]).toContain("\n(not measured in this run)\n");
  });
});
