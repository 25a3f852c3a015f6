// `pnpm bench` for apps/bench: Vanish against TensorFlow.js (cpu, wasm) and brain.js on identical work.
//
//   pnpm --filter @vanish/bench run bench                      full run → BENCHMARKS.md + apps/bench/results/latest.json,
//                                                              and the generated section of each package README
//   pnpm --filter @vanish/bench run bench -- --quick           smoke run → apps/bench/results/quick.{md,json}
//   pnpm --filter @vanish/bench run bench -- --only=rnn,gemm   some workloads → apps/bench/results/partial.{md,json}
//
// Workloads: rnn, gated, gemm, overhead, datasets. Exits 1, writing nothing, when the implementations did not
// do the same work (see src/checks.ts).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeFailures } from "../src/checks";
import { outputPaths, parseArgs } from "../src/cli";
import { FULL_TIMING, QUICK_TIMING } from "../src/measure";
import { QUOTING_READMES, readmeSections, spliceSection } from "../src/readmes";
import { renderReport } from "../src/report";
import { runBench } from "../src/run";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const argv = process.argv.slice(2);
const { quick, workloads, mode } = parseArgs(argv);
const command = ["pnpm --filter @vanish/bench run bench", ...argv.filter((a) => a !== "--")].join(" ");
const readme = (path: string) => readFileSync(join(REPO, path), "utf8");
// Fail now, not after the run, if a README lost its generated section's fences.
if (mode === "full") for (const path of QUOTING_READMES) spliceSection(readme(path), "", path);
console.log(`${command}: ${mode} run of ${workloads.join(", ")}`);
const result = await runBench({ workloads, timing: quick ? QUICK_TIMING : FULL_TIMING, mode, command, onProgress: (line) => console.log(line) });

const failure = describeFailures(result.checks);
if (failure) {
  console.error(`\nbench: ${failure}\nNothing was written.`);
  process.exit(1);
}
const paths = outputPaths(mode);
const markdown = renderReport(result, paths.json);
const files: [string, string][] = [
  [paths.json, `${JSON.stringify(result, null, 2)}\n`],
  [paths.markdown, markdown],
];
if (mode === "full") {
  // Each package README quotes its own rows, regenerated with BENCHMARKS.md (all spliced before anything is written).
  const sections = readmeSections(result);
  for (const path of QUOTING_READMES) files.push([path, spliceSection(readme(path), sections[path], path)]);
}
for (const [path, text] of files) {
  mkdirSync(dirname(join(REPO, path)), { recursive: true });
  writeFileSync(join(REPO, path), text);
}
console.log(`\n${markdown}`);
console.log(`Wrote ${files.map(([path]) => path).join(", ")}`);
