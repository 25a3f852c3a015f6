import { describe, expect, it } from "vitest";
import { outputPaths, parseArgs } from "./cli";

describe("parseArgs", () => {
  it("runs everything in full by default, skipping pnpm's --", () => {
    expect(parseArgs([])).toEqual({ quick: false, workloads: ["rnn", "gated", "gemm", "overhead", "datasets"], mode: "full" });
    expect(parseArgs(["--", "--quick"])).toMatchObject({ quick: true, mode: "quick" });
  });

  it("makes a run of some workloads partial, in report order", () => {
    expect(parseArgs(["--only=gemm,rnn", "--quick"])).toEqual({ quick: true, workloads: ["rnn", "gemm"], mode: "partial" });
  });

  it("names what it accepts when it does not understand", () => {
    expect(() => parseArgs(["--only=lstm"])).toThrow('bench: --only takes a comma-separated list of rnn, gated, gemm, overhead, datasets, got "lstm"');
    expect(() => parseArgs(["--only="])).toThrow('bench: --only takes a comma-separated list of rnn, gated, gemm, overhead, datasets, got ""');
    expect(() => parseArgs(["--fast"])).toThrow('bench: unknown argument "--fast"; use --quick and/or --only=rnn,gated,gemm,overhead,datasets');
  });
});

describe("outputPaths", () => {
  it("lets only a full run replace BENCHMARKS.md", () => {
    expect(outputPaths("full")).toEqual({ markdown: "BENCHMARKS.md", json: "apps/bench/results/latest.json" });
    expect(outputPaths("quick")).toEqual({ markdown: "apps/bench/results/quick.md", json: "apps/bench/results/quick.json" });
    expect(outputPaths("partial")).toEqual({ markdown: "apps/bench/results/partial.md", json: "apps/bench/results/partial.json" });
  });
});
