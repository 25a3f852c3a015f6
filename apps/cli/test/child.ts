// Real `vanish` processes for the tests that need them (signals, locks, crashes): `node --import tsx src/main.ts`
// as ONE process, so that a signal sent to it reaches the CLI itself (the tsx binary would put node in a child).
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const appDir = fileURLToPath(new URL("..", import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** This process's environment without what a package-manager script adds (`pnpm test` would otherwise leak it). */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("npm_") && k !== "INIT_CWD") env[k] = v;
  return env;
}

/** The command line that runs `vanish` from its sources. */
export function vanishCommand(args: readonly string[]): [string, string[]] {
  return [process.execPath, ["--import", tsx, join(appDir, "src/main.ts"), ...args]];
}

export interface Exited {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `vanish …args`; `done` resolves when it exits, with everything it printed. */
export function vanish(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {}): { child: ChildProcess; done: Promise<Exited> } {
  const [cmd, argv] = vanishCommand(args);
  const child = spawn(cmd, argv, {
    cwd: options.cwd,
    env: { ...childEnv(), TSX_TSCONFIG_PATH: join(appDir, "tsconfig.source.json"), NO_COLOR: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    ...(options.uid !== undefined && { uid: options.uid, gid: options.gid }),
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += String(d)));
  child.stderr!.on("data", (d) => (stderr += String(d)));
  const done = new Promise<Exited>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** Resolves once `test()` is true (polled every 5 ms), or rejects after `ms` or when `child` exits first. */
export function waitFor(test: () => boolean, child: ChildProcess, ms = 60_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      let ok = false;
      try {
        ok = test();
      } catch {
        ok = false;
      }
      if (ok) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null || child.signalCode !== null) {
        clearInterval(timer);
        reject(new Error(`the process exited (code ${child.exitCode}, signal ${child.signalCode}) before the condition held`));
      } else if (Date.now() - started > ms) {
        clearInterval(timer);
        reject(new Error(`the condition did not hold within ${ms} ms`));
      }
    }, 5);
  });
}
