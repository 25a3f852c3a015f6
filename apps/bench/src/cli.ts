import { WORKLOADS, type BenchResult, type Workload } from "./results";

/** What the command line asked for. */
export interface BenchArgs {
  quick: boolean;
  workloads: Workload[];
  mode: BenchResult["mode"];
}

/**
 * Reads `--quick` and `--only=a,b` (workloads: rnn, gated, gemm, overhead, datasets). A run of every workload
 * is "full" or "quick"; a run of some is "partial", whatever its timing.
 */
export function parseArgs(argv: readonly string[]): BenchArgs {
  let quick = false;
  let workloads: Workload[] = [...WORKLOADS];
  for (const arg of argv) {
    if (arg === "--") continue;
    if (arg === "--quick") quick = true;
    else if (arg.startsWith("--only=")) {
      const list = arg.slice("--only=".length);
      const asked = list.split(",").filter(Boolean);
      if (asked.length === 0 || asked.some((w) => !(WORKLOADS as readonly string[]).includes(w))) {
        throw new RangeError(`bench: --only takes a comma-separated list of ${WORKLOADS.join(", ")}, got ${JSON.stringify(list)}`);
      }
      workloads = WORKLOADS.filter((w) => asked.includes(w));
    } else {
      throw new RangeError(`bench: unknown argument ${JSON.stringify(arg)}; use --quick and/or --only=${WORKLOADS.join(",")}`);
    }
  }
  const mode = workloads.length < WORKLOADS.length ? "partial" : quick ? "quick" : "full";
  return { quick, workloads, mode };
}

/**
 * Where a run's files go, relative to the repository root: a full run is the one to quote, so it alone
 * replaces BENCHMARKS.md (and results/latest.json); quick and partial runs stay beside the package.
 */
export function outputPaths(mode: BenchResult["mode"]): { markdown: string; json: string } {
  if (mode === "full") return { markdown: "BENCHMARKS.md", json: "apps/bench/results/latest.json" };
  return { markdown: `apps/bench/results/${mode}.md`, json: `apps/bench/results/${mode}.json` };
}
