import { existsSync, statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { resolveRunConfig, type PartialRunConfig, type RunConfig } from "../engine/config";
import { ConfigError } from "../engine/configError";
import type { MetricsRecord } from "../engine/metrics";
import type { RunSummary } from "../engine/summary";
import { CliError, EXIT_USAGE } from "../io";
import { RUN_FILES, RunDirectory } from "../runs/runDirectory";

/** A run directory read back: what `vanish train`, `vanish sweep` and `vanish demo` write. */
export interface LoadedRun {
  readonly dir: string;
  readonly name: string;
  readonly config: RunConfig;
  readonly metrics: MetricsRecord[];
  /** Null while the run is unfinished (interrupted or still training). */
  readonly summary: RunSummary | null;
}

/**
 * Reads `config.json` (validated as a run config), `metrics.jsonl` and `summary.json` from `dir`. A missing folder,
 * a folder without `config.json`, or a file that does not parse is a usage error (exit code 2) naming the file.
 */
export function readRun(dir: string): LoadedRun {
  const path = resolve(dir);
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new CliError(`${dir}: no such run directory`, EXIT_USAGE);
  const run = new RunDirectory(path);
  if (!run.hasRun()) {
    throw new CliError(`${dir}: not a run directory (no ${RUN_FILES.config}; expected ${Object.values(RUN_FILES).join(", ")} as vanish train writes them)`, EXIT_USAGE);
  }
  const read = <T>(file: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw new CliError(`${dir}/${file}: ${e instanceof ConfigError ? `${e.path} ${e.reason}` : (e as Error).message}`, EXIT_USAGE);
    }
  };
  const config = read(RUN_FILES.config, () => resolveRunConfig(run.readConfig() as PartialRunConfig));
  const metrics = read(RUN_FILES.metrics, () => run.readMetrics());
  const summary = read(RUN_FILES.summary, () => run.readSummary());
  return { dir: path, name: basename(path), config, metrics, summary };
}
