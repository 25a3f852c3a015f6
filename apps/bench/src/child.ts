import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { WorkerReport, WorkerSpec } from "./spec";

const WORKER = fileURLToPath(new URL("./workers/main.ts", import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
/** Resolves `@vanish/*` to their sources in the worker, so no stale dist/ is ever measured. */
const SOURCE_TSCONFIG = fileURLToPath(new URL("../tsconfig.source.json", import.meta.url));

/** Output a worker may print (tfjs greets on stdout); kept to explain a failure, otherwise dropped. */
const KEEP_CHARS = 4000;

/**
 * Runs `spec` in a fresh Node process (`node --import tsx src/workers/main.ts`) and resolves with its report.
 * One process per measurement: nothing — JIT state, tfjs's backend, a wasm memory — carries from one
 * implementation to another. Rejects with the worker's error and the tail of its output when it fails.
 */
export function runWorker(spec: WorkerSpec, { timeoutSeconds = 900 } = {}): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], {
      cwd: PACKAGE_DIR,
      execArgv: ["--import", "tsx"],
      env: { ...process.env, TSX_TSCONFIG_PATH: SOURCE_TSCONFIG },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-KEEP_CHARS);
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    let answer: { ok: true; report: WorkerReport } | { ok: false; error: string } | null = null;
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`runWorker: ${describeSpec(spec)} did not finish within ${timeoutSeconds} s\n${output}`));
    }, timeoutSeconds * 1000);
    child.on("message", (message) => {
      answer = message as typeof answer;
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (answer?.ok) resolve(answer.report);
      else if (answer) reject(new Error(`runWorker: ${describeSpec(spec)} failed:\n${answer.error}\n${output}`));
      else reject(new Error(`runWorker: ${describeSpec(spec)} exited (${signal ?? `code ${code}`}) without a report\n${output}`));
    });
    child.send(spec);
  });
}

/** A short description of a spec for messages, e.g. "train tfjs wasm manual". */
export function describeSpec(spec: WorkerSpec): string {
  if (spec.kind === "datasets") return "datasets";
  if (spec.kind === "sweep") return `sweep on ${spec.workers.join(" vs ")} workers`;
  const { impl } = spec;
  const parts = impl.library === "vanish" ? [impl.dtype, impl.backend] : impl.library === "tfjs" ? [impl.backend, "form" in impl ? impl.form : ""] : [];
  return [spec.kind, impl.library, ...parts].filter(Boolean).join(" ");
}
