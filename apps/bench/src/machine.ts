import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { arch, cpus, loadavg, release, totalmem, type } from "node:os";
import { fileURLToPath } from "node:url";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const REPO_DIR = fileURLToPath(new URL("../../..", import.meta.url));

/** The packages whose versions a result names. */
export const VERSIONED_PACKAGES = ["@vanish/core", "@vanish/rnn", "@vanish/clipping", "@vanish/datasets", "@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm", "brain.js"];

/** Where and with what a run happened. */
export interface MachineInfo {
  /** ISO 8601, UTC. */
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  v8: string;
  /**
   * The 1-minute load average when the run started, the highest read after each single-process worker (not after
   * the sweep, which keeps both cores busy on purpose), and at the end; see {@link BUSY_LOAD}.
   */
  loadAverage: { start: number; max?: number; end?: number };
  /** Installed version of each of {@link VERSIONED_PACKAGES} (null when not installed). */
  packages: Record<string, string | null>;
  /** The commit of the Vanish sources measured, with "+dirty" when packages/ or apps/bench had uncommitted changes. */
  commit: string | null;
}

/** Describes this machine and the installed packages now. */
export function machineInfo(now = new Date()): MachineInfo {
  const cpu = cpus();
  return {
    date: now.toISOString(),
    cpu: cpu[0]?.model.trim() ?? "unknown",
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()} ${arch()}`,
    node: process.version,
    v8: process.versions.v8,
    loadAverage: { start: round2(loadavg()[0]) },
    packages: Object.fromEntries(VERSIONED_PACKAGES.map((name) => [name, installedVersion(name)])),
    commit: gitCommit(),
  };
}

/**
 * A load average above this during a run means more than the benchmark was running: its worker keeps one core busy
 * and its libraries' background threads (V8's compiler and GC, tfjs's wasm compilation) at times part of the other.
 * Measured on a quiet 2-core machine: 1.8 at the highest.
 */
export const BUSY_LOAD = 2;

/** The current 1-minute load average, rounded to 0.01. */
export function currentLoad(): number {
  return round2(loadavg()[0]);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The version in `node_modules/<name>/package.json` as seen from this package (read directly: some exports maps hide it). */
export function installedVersion(name: string): string | null {
  try {
    return (JSON.parse(readFileSync(`${PACKAGE_DIR}node_modules/${name}/package.json`, "utf8")) as { version: string }).version;
  } catch {
    return null;
  }
}

function gitCommit(): string | null {
  const head = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO_DIR, encoding: "utf8" });
  if (head.status !== 0) return null;
  const status = spawnSync("git", ["status", "--porcelain", "--", "packages", "apps/bench"], { cwd: REPO_DIR, encoding: "utf8" });
  return `${head.stdout.trim()}${status.stdout.trim() ? "+dirty" : ""}`;
}
