import { readFileSync } from "node:fs";

/** Everything a command touches outside itself, so tests can run commands in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string;
}

/** The real process's streams and file system. */
export const nodeIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile: (path) => readFileSync(path, "utf8"),
};

/** A failure that ends the command with `exitCode` and prints `message` on stderr (no stack trace). */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

/** Exit codes: 0 success, 1 unexpected failure, 2 bad usage or a malformed input file. */
export const EXIT_USAGE = 2;

/**
 * Reads and parses a JSON file (a leading byte-order mark is skipped); a missing file or invalid JSON is a
 * {@link CliError} with exit code 2.
 */
export function readJSON(io: CliIO, path: string, what: string): unknown {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read the ${what} file ${path}${code === "ENOENT" ? ": no such file" : `: ${(e as Error).message}`}`, EXIT_USAGE);
  }
  try {
    // A byte-order mark (as some Windows editors save UTF-8) is not part of the JSON.
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new CliError(`the ${what} file ${path} is not valid JSON: ${(e as Error).message}`, EXIT_USAGE);
  }
}
