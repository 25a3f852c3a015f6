import { join, resolve } from "node:path";
import type { Command } from "commander";
import { type CliIO } from "../io";
import { readRun } from "../report/readRun";
import { runReport } from "../report/runReport";
import { writeReport } from "../report/writeReport";

interface ReportOptions {
  out?: string;
  json?: boolean;
  quiet?: boolean;
}

const EXAMPLES = `
Examples:
  $ vanish report runs/3f9a0c1b2d4e5f60                 # writes runs/3f9a0c1b2d4e5f60/report/index.html
  $ vanish report runs/a runs/b runs/c --out compare    # the three runs side by side
  $ vanish report vanish-report/runs/* --out all-runs   # every run of a demo

A run directory holds config.json, metrics.jsonl and summary.json (vanish train, sweep and demo write them); an
unfinished run is drawn from its metrics. Runs are named in the charts by what differs between their configs.`;

/** `vanish report RUN_DIR…`: an HTML report with a PNG per chart, for one run or a comparison. */
export function registerReport(program: Command, io: CliIO): void {
  program
    .command("report")
    .description("draw an HTML report (and PNGs) of one run directory, or compare several")
    .argument("<runDirs...>", "run directories (with config.json, metrics.jsonl, summary.json)")
    .option("--out <dir>", "output folder (default: RUN_DIR/report for one run, ./vanish-compare for several)")
    .option("--json", "print {html, pngs} as one line of JSON")
    .option("--quiet", "print nothing but errors")
    .addHelpText("after", EXAMPLES)
    .action(async (runDirs: string[], options: ReportOptions) => {
      const runs = runDirs.map(readRun);
      const out = resolve(options.out ?? (runs.length === 1 ? join(runs[0]!.dir, "report") : "vanish-compare"));
      const written = await writeReport(runReport(runs), out);
      if (options.json) io.stdout(`${JSON.stringify({ html: written.html, pngs: written.pngs })}\n`);
      else if (!options.quiet) io.stdout(`${written.html}\n`);
    });
}
