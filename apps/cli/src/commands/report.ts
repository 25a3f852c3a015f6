import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
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
  $ vanish report runs/clip --out clip-report           # every run of a sweep (its folder holds sweep.json)

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
      const runs = expandSweeps(runDirs).map(readRun);
      const out = resolve(options.out ?? (runs.length === 1 ? join(runs[0]!.dir, "report") : "vanish-compare"));
      const written = await writeReport(runReport(runs), out);
      if (options.json) io.stdout(`${JSON.stringify({ html: written.html, pngs: written.pngs })}\n`);
      else if (!options.quiet) io.stdout(`${written.html}\n`);
    });
}

/**
 * The run directories `args` name: a sweep directory (one holding sweep.json, as `vanish sweep` and `vanish demo`
 * write) stands for every run in it, in name order, and so does its sweep.json (so that `report SWEEP/*` works);
 * anything else is taken as a run directory. Each directory is read once.
 */
export function expandSweeps(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    const isSweepFile = basename(arg) === "sweep.json" && existsSync(arg) && statSync(arg).isFile();
    const dir = isSweepFile ? dirname(arg) : arg;
    const isSweepDir = existsSync(join(dir, "sweep.json")) && !existsSync(join(dir, "config.json"));
    if (!isSweepDir) {
      out.push(arg);
      continue;
    }
    for (const name of readdirSync(dir).sort()) {
      const run = join(dir, name);
      if (!name.startsWith(".") && statSync(run).isDirectory() && existsSync(join(run, "config.json"))) out.push(run);
    }
  }
  const seen = new Set<string>();
  return out.filter((d) => {
    const key = resolve(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
