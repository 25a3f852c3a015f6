import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

let counter = 0;

/**
 * Writes `text` to `path` atomically: into a temporary file beside it (same directory, so the same file system),
 * flushed to disk (fsync), then renamed over `path`. A crash or `kill -9` at any moment leaves the old file or the
 * new one, never a torn mix (as `@vanish/rnn/node`'s `writeCheckpointFile`, for any text).
 */
export function atomicWrite(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`);
  try {
    const fd = openSync(tmp, "w");
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
