import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseCheckpoint, serializeCheckpoint, type Checkpoint } from "@vanish/rnn";
import type { RunConfig } from "../engine/config";
import type { MetricsRecord } from "../engine/metrics";
import type { RunSummary } from "../engine/summary";
import { writeFileAtomic as atomicWrite } from "@vanish/rnn/node";
import { RunDirectoryError } from "../engine/runDirectoryError";
import { lockDirectory, type DirLock } from "./dirLock";

/** The files of a run directory. */
export const RUN_FILES = { config: "config.json", metrics: "metrics.jsonl", checkpoint: "checkpoint.json", summary: "summary.json" } as const;

/**
 * A run's directory: `config.json` (the resolved config), `metrics.jsonl` (one {@link MetricsRecord} per line,
 * appended with one write per record), `checkpoint.json` (the latest checkpoint, replaced atomically) and
 * `summary.json` (at the end). Every file but the metrics is written whole and atomically; the metrics file only
 * grows by whole lines, and a reader drops a torn last line should one ever appear.
 */
export class RunDirectory {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  file(name: keyof typeof RUN_FILES): string {
    return join(this.path, RUN_FILES[name]);
  }

  create(): void {
    mkdirSync(this.path, { recursive: true });
  }

  /** Takes the directory's lock (see {@link lockDirectory}); it must exist. */
  lock(what: string): DirLock {
    return lockDirectory(this.path, what);
  }

  /** Parses one of the run's files; a file that does not parse is a {@link RunDirectoryError} naming it. */
  private parse<T>(name: keyof typeof RUN_FILES, f: (text: string) => T, fix: string): T {
    const file = this.file(name);
    const text = readFileSync(file, "utf8");
    try {
      return f(text);
    } catch (e) {
      throw new RunDirectoryError(file, `${file} is damaged: ${(e as Error).message.replace(/^\w+: /, "")}; ${fix}`);
    }
  }

  /** Removes temporary files that a crash in the middle of an atomic write left behind (`.name.pid.n.tmp`). */
  removeTemporaryFiles(): void {
    for (const f of readdirSync(this.path)) if (/^\..+\.\d+\.\d+\.tmp$/.test(f)) rmSync(join(this.path, f), { force: true });
  }

  /** True when the directory holds a config.json (a run was started here). */
  hasRun(): boolean {
    return existsSync(this.file("config"));
  }

  writeConfig(config: RunConfig): void {
    atomicWrite(this.file("config"), `${JSON.stringify(config, null, 2)}\n`);
  }

  readConfig(): unknown {
    return this.parse("config", (t) => JSON.parse(t) as unknown, "this directory cannot be resumed; start the run again in another directory");
  }

  appendMetrics(record: MetricsRecord): void {
    appendFileSync(this.file("metrics"), `${JSON.stringify(record)}\n`);
  }

  /** The metrics records, in order (a torn last line, which a crash mid-write could leave, is dropped). */
  readMetrics(): MetricsRecord[] {
    if (!existsSync(this.file("metrics"))) return [];
    return this.parse("metrics", parseMetrics, "its records cannot be trusted; start the run again in another directory");
  }

  /** Keeps the records up to `step` (those a checkpoint at `step` has seen) and drops the rest, atomically. */
  truncateMetrics(step: number): void {
    const kept = this.readMetrics().filter((r) => r.step <= step);
    atomicWrite(this.file("metrics"), kept.map((r) => `${JSON.stringify(r)}\n`).join(""));
  }

  writeCheckpoint(checkpoint: Checkpoint): void {
    atomicWrite(this.file("checkpoint"), serializeCheckpoint(checkpoint));
  }

  readCheckpoint(): Checkpoint | null {
    if (!existsSync(this.file("checkpoint"))) return null;
    return this.parse("checkpoint", parseCheckpoint, "delete it to restart the run from step 0, or restore it from a copy");
  }

  writeSummary(summary: RunSummary): void {
    atomicWrite(this.file("summary"), `${JSON.stringify(summary, null, 2)}\n`);
  }

  readSummary(): RunSummary | null {
    if (!existsSync(this.file("summary"))) return null;
    return this.parse("summary", (t) => JSON.parse(t) as RunSummary, "delete it to resume the run from its checkpoint");
  }
}

/** Parses JSON lines; a last line that does not parse (torn by a crash) is dropped, any other bad line throws. */
export function parseMetrics(text: string): MetricsRecord[] {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const out: MetricsRecord[] = [];
  lines.forEach((line, i) => {
    try {
      out.push(JSON.parse(line) as MetricsRecord);
    } catch (e) {
      if (i < lines.length - 1 || text.endsWith("\n")) throw new SyntaxError(`metrics.jsonl line ${i + 1} is not valid JSON: ${(e as Error).message}`);
    }
  });
  return out;
}
