// `pnpm bench` for apps/bench: Vanish against TensorFlow.js (cpu, wasm) and brain.js on identical work.
//
//   pnpm --filter @vanish/bench run bench                      full run → BENCHMARKS.md + apps/bench/results/latest.json,
//                                                              and the generated section of each package README
//   pnpm --filter @vanish/bench run bench -- --quick           smoke run → apps/bench/results/quick.{md,json}
//   pnpm --filter @vanish/bench run bench -- --only=rnn,gemm   some workloads → apps/bench/results/partial.{md,json}
//
// Workloads: rnn, gated, gemm, overhead, datasets. Exits 1, writing nothing, when the implementations did not
// do the same work (see src/checks.ts).
import { describeFailures } from "../src/checks";
import { parseArgs } from "../src/cli";
import { FULL_TIMING, QUICK_TIMING } from "../src/measure";
import { checkReadmeFences, writeOutputs } from "../src/outputs";
import { runBench } from "../src/run";

const argv = process.argv.slice(2);
const { quick, workloads, mode } = parseArgs(argv);
const command = ["pnpm --filter @vanish/bench run bench", ...argv.filter((a) => a !== "--")].join(" ");
// Fail now, not after the run, if a README lost its generated section's fences.
if (mode === "full") checkReadmeFences();
console.log(`${command}: ${mode} run of ${workloads.join(", ")}`);
const result = await runBench({ workloads, timing: quick ? QUICK_TIMING : FULL_TIMING, mode, command, onProgress: (line) => console.log(line) });

const failure = describeFailures(result.checks);
if (failure) {
  console.error(`\nbench: ${failure}\nNothing was written.`);
  process.exit(1);
}
const { markdown, written } = writeOutputs(result);
console.log(`\n${markdown}`);
console.log(`Wrote ${written.join(", ")}`);
