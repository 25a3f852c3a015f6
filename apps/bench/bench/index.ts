// `pnpm bench` for apps/bench: Vanish against TensorFlow.js (cpu, wasm) and brain.js on identical work.
//
//   pnpm --filter @vanish/bench run bench                  full run → BENCHMARKS.md + apps/bench/results/latest.json
//   pnpm --filter @vanish/bench run bench -- --quick       smoke run → apps/bench/results/quick.{md,json}
//   pnpm --filter @vanish/bench run bench -- --only=rnn,gemm   some workloads → apps/bench/results/partial.{md,json}
//
// Workloads: rnn, gated, gemm, overhead, datasets. Exits 1, writing nothing, when the implementations did not
// do the same work (see src/checks.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describeFailures } from "../src/checks";
import { FULL_TIMING, QUICK_TIMING } from "../src/measure";
import { renderReport } from "../src/report";
import { WORKLOADS, type Workload } from "../src/results";
import { runBench } from "../src/run";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const RESULTS = fileURLToPath(new URL("../results/", import.meta.url));

function parseArgs(argv: readonly string[]): { quick: boolean; workloads: Workload[] } {
  let quick = false;
  let workloads: Workload[] = [...WORKLOADS];
  for (const arg of argv) {
    if (arg === "--") continue;
    else if (arg === "--quick") quick = true;
    else if (arg.startsWith("--only=")) {
      const asked = arg.slice("--only=".length).split(",").filter(Boolean);
      const unknown = asked.filter((w) => !(WORKLOADS as readonly string[]).includes(w));
      if (unknown.length > 0 || asked.length === 0) {
        throw new RangeError(`bench: --only takes a comma-separated list of ${WORKLOADS.join(", ")}, got ${JSON.stringify(arg.slice(7))}`);
      }
      workloads = asked as Workload[];
    } else throw new RangeError(`bench: unknown argument ${JSON.stringify(arg)}; use --quick and/or --only=${WORKLOADS.join(",")}`);
  }
  return { quick, workloads };
}

const { quick, workloads } = parseArgs(process.argv.slice(2));
const mode = workloads.length < WORKLOADS.length ? "partial" : quick ? "quick" : "full";
const command = ["pnpm --filter @vanish/bench run bench", ...process.argv.slice(2).filter((a) => a !== "--")].join(" ");
console.log(`${command}: ${mode} run of ${workloads.join(", ")}`);
const result = await runBench({ workloads, timing: quick ? QUICK_TIMING : FULL_TIMING, mode, command, onProgress: (line) => console.log(line) });

const failure = describeFailures(result.checks);
if (failure) {
  console.error(`\nbench: ${failure}\nNothing was written.`);
  process.exit(1);
}
const name = mode === "full" ? "latest" : mode;
const jsonPath = `apps/bench/results/${name}.json`;
const markdown = renderReport(result, jsonPath);
mkdirSync(RESULTS, { recursive: true });
writeFileSync(`${RESULTS}${name}.json`, `${JSON.stringify(result, null, 2)}\n`);
const mdPath = mode === "full" ? `${REPO}BENCHMARKS.md` : `${RESULTS}${name}.md`;
writeFileSync(mdPath, markdown);
console.log(`\n${markdown}`);
console.log(`Wrote ${mdPath} and ${RESULTS}${name}.json`);
