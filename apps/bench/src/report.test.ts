import { describe, expect, it } from "vitest";
import type { Check } from "./checks";
import type { MachineInfo } from "./machine";
import { checksTable, overheadTable, pairedOverhead, pairedSpeedup, ratioTable, rateTable, renderReport, sweepTable } from "./report";
import type { BenchResult, Measurement } from "./results";
import type { Impl } from "./spec";

const f32js: Impl = { library: "vanish", dtype: "float32", backend: "js" };
const f32wasm: Impl = { library: "vanish", dtype: "float32", backend: "wasm" };
const f64js: Impl = { library: "vanish", dtype: "float64", backend: "js" };
const tfjsWasm: Impl = { library: "tfjs", backend: "wasm", form: "manual" };
const brain: Impl = { library: "brain.js" };

function m(impl: Impl, id: string, c: string, median: number, extra: Partial<Measurement> = {}): Measurement {
  return { workload: "rnn", group: "rnn_tanh", impl, id, label: id, case: c, unit: "seq/s", median, min: median * 0.99, max: median * 1.01, spread: 0.02, samples: [median], notes: [], ...extra };
}

// Two cases; brain.js's unit of work per sequence is 2× Vanish's here, so its work rate is 2× its seq/s.
const rows: Measurement[] = [
  m(f32js, "vanish-float32-js", "T50 H64", 3000, { macPerUnit: 100 }),
  m(f32wasm, "vanish-float32-wasm", "T50 H64", 4000, { macPerUnit: 100 }),
  m(f64js, "vanish-float64-js", "T50 H64", 2500, { macPerUnit: 100 }),
  m(tfjsWasm, "tfjs-wasm-manual", "T50 H64", 2000, { macPerUnit: 100 }),
  m(brain, "brain.js", "T50 H64", 500, { macPerUnit: 200 }),
  m(f32js, "vanish-float32-js", "T200 H64", 800, { macPerUnit: 400 }),
  m(f64js, "vanish-float64-js", "T200 H64", 700, { macPerUnit: 400 }),
  m(tfjsWasm, "tfjs-wasm-manual", "T200 H64", 400, { macPerUnit: 400 }),
];

describe("rateTable", () => {
  it("puts implementations in rows and cases in columns, with a dash where one did not run", () => {
    expect(rateTable(rows)).toMatchInlineSnapshot(`
      "| implementation      |     T50 H64 |  T200 H64 |
      |:--------------------|------------:|----------:|
      | vanish-float32-js   | 3,000 ±1.0% | 800 ±1.0% |
      | vanish-float32-wasm | 4,000 ±1.0% |         – |
      | vanish-float64-js   | 2,500 ±1.0% | 700 ±1.0% |
      | tfjs-wasm-manual    | 2,000 ±1.0% | 400 ±1.0% |
      | brain.js            |   500 ±1.0% |         – |"
    `);
  });
});

describe("ratioTable", () => {
  it("divides each dtype's fastest Vanish row by each alternative, per unit of work", () => {
    expect(ratioTable(rows)).toMatchInlineSnapshot(`
      "| Vanish float32 / float64 ÷ |     T50 H64 |    T200 H64 |
      |:---------------------------|------------:|------------:|
      | tfjs-wasm-manual           | 2.0× / 1.3× | 2.0× / 1.8× |
      | brain.js                   | 4.0× / 2.5× |           – |"
    `);
  });

  it("compares only the dtypes asked for", () => {
    expect(ratioTable(rows, ["float32"]).split("\n")[2]).toBe("| tfjs-wasm-manual |    2.0× |     2.0× |");
  });
});

describe("pairedSpeedup and sweepTable", () => {
  const sweep = (c: string, samples: number[]) => m(null as unknown as Impl, c, c, samples[0], { workload: "datasets", group: "sweep", impl: null, unit: "runs/s", samples });

  it("takes the median of per-round ratios of rates", () => {
    // Rounds: 2/1.1, 1.5/1, 1.8/0.9 → 1.818, 1.5, 2 → median 1.818.
    expect(pairedSpeedup(sweep("1", [1.1, 1, 0.9]), sweep("2", [2, 1.5, 1.8]))).toBeCloseTo(2 / 1.1, 12);
  });

  it("renders each worker count's rate and its speed-up over one worker", () => {
    expect(sweepTable([sweep("vanish sweep, 1 worker thread", [0.5, 0.5]), sweep("vanish sweep, 2 worker threads", [0.9, 0.95])])).toMatchInlineSnapshot(`
      "| what                           |         rate | spread | speed-up |
      |:-------------------------------|-------------:|-------:|---------:|
      | vanish sweep, 1 worker thread  | 0.500 runs/s |  ±1.0% |   (base) |
      | vanish sweep, 2 worker threads | 0.900 runs/s |  ±1.0% |    1.85× |"
    `);
  });
});

describe("pairedOverhead", () => {
  it("takes the median of per-round ratios, so a slow round does not count twice", () => {
    const base = m(f32js, "a", "step", 100, { samples: [100, 50, 100] });
    const variant = m(f32js, "a", "+ clip", 90, { samples: [90, 45, 95] });
    // Per round: 100/90, 50/45, 100/95 → median 1.1111 → +11.1%.
    expect(pairedOverhead(base, variant)).toBeCloseTo(1 / 0.9 - 1, 12);
  });

  it("renders each backend's rates beside the paired overheads", () => {
    const o = (c: string, samples: number[]) => m(f32js, "vanish-float32-js", c, samples[0], { workload: "overhead", samples });
    expect(overheadTable([o("training step", [100, 100]), o("+ clip", [96, 96])])).toMatchInlineSnapshot(`
      "| variant       | vanish-float32-js: seq/s | overhead |
      |:--------------|-------------------------:|---------:|
      | training step |                100 ±1.0% |   (base) |
      | + clip        |               96.0 ±1.0% |    +4.2% |"
    `);
  });
});

describe("checksTable", () => {
  it("shows the reference values, the worst deviations and whether all agree", () => {
    const checks: Check[] = [
      {
        workload: "rnn",
        group: "rnn_tanh",
        case: "T50 H64",
        kind: "loss",
        reference: "vanish-float64-js",
        values: [0.6931472, 0.68],
        agreements: [
          { id: "a", first: 2e-8, second: 3e-8, ok: true },
          { id: "b", first: 5e-8, second: null, ok: true },
        ],
        ok: true,
      },
      { workload: "gemm", group: "", case: "64·64·64", kind: "checksum", reference: "vanish-float64-js", values: [243.27], agreements: [{ id: "c", first: 0.01, second: null, ok: false }], ok: false },
    ];
    expect(checksTable(checks)).toMatchInlineSnapshot(`
      "| case                 |         reference |  reference value(s) | largest Δ first | largest Δ second | others |  agree |
      |:---------------------|------------------:|--------------------:|----------------:|-----------------:|-------:|-------:|
      | rnn rnn_tanh T50 H64 | vanish-float64-js | 0.693147 → 0.680000 |          5.0e-8 |           3.0e-8 |      2 |    yes |
      | gemm 64·64·64        | vanish-float64-js |     Σ C² = 243.2700 |          1.0e-2 |                  |      1 | **NO** |"
    `);
  });
});

describe("renderReport and the JSON result", () => {
  const machine: MachineInfo = {
    date: "2026-01-02T03:04:05.000Z",
    cpu: "Test CPU",
    cores: 2,
    memoryGiB: 4,
    os: "Linux",
    node: "v20.20.2",
    v8: "11.3",
    loadAverage: { start: 0.1, max: 2.4, end: 1.2 },
    packages: { "@tensorflow/tfjs": "4.22.0", "brain.js": "2.0.0-beta.24" },
    commit: "abc1234",
  };
  const result: BenchResult = {
    schema: 2,
    mode: "quick",
    command: "pnpm --filter @vanish/bench run bench --quick",
    machine,
    timing: { warmupSeconds: 0.1, samples: 3, minSeconds: 0.1 },
    measurements: rows,
    checks: [],
    notes: ["tfjs-node is not measured."],
    seconds: 12.5,
  };

  it("states the machine, the versions, the method and the tables of the workloads that ran", () => {
    const md = renderReport(result, "apps/bench/results/quick.json");
    expect(md).toContain("> **quick run** — not for quoting");
    expect(md).toMatch(/\| CPU +\| Test CPU — 2 cores, 4 GiB/);
    expect(md).toContain("| load average (1 min): start / highest during the run / end | 0.1 / 2.4 / 1.2 — above 2 during the run: more than the benchmark was running, expect noise");
    const quiet = renderReport({ ...result, machine: { ...machine, loadAverage: { start: 1.4, max: 1.8, end: 1.2 } } }, "x.json");
    expect(quiet).toContain("| 1.4 / 1.8 / 1.2 — up to 2 is the benchmark's own (one worker process and its background compiler and GC threads)");
    expect(md).toContain("@tensorflow/tfjs 4.22.0 (cpu backend), @tensorflow/tfjs-backend-wasm (not installed)");
    expect(md).toContain("Warm-up 0.1 s, then 3 timed samples of at least 0.1 s");
    expect(md).toContain("- tfjs-node is not measured.");
    expect(md).toContain("## 1. Vanilla tanh RNN training step");
    expect(md).toContain(rateTable(rows));
    expect(md).not.toContain("## 5. Dataset generation and sweeps");
    expect(md).not.toContain("## 3. Matrix multiply");
  });

  it("round-trips through JSON unchanged", () => {
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
