// `pnpm --filter @vanish/bench run render`: rewrites BENCHMARKS.md and the packages' generated README sections from
// the last full run's result (results/latest.json) without measuring anything — after a change to the report's
// wording or to a README. The numbers, the date and the commit stay those of the run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { outputPaths } from "../src/cli";
import { REPO, writeOutputs } from "../src/outputs";
import type { BenchResult } from "../src/results";

const file = join(REPO, outputPaths("full").json);
const result = JSON.parse(readFileSync(file, "utf8")) as BenchResult;
if (result.schema !== 2 || result.mode !== "full") {
  throw new RangeError(`render: ${file} must hold a full run's result (schema 2, mode "full"), got schema ${String(result.schema)}, mode ${JSON.stringify(result.mode)}`);
}
console.log(`Wrote ${writeOutputs(result).written.join(", ")}`);
