// Node-only helpers: checkpoint files through node:fs. Browser code imports "@vanish/rnn", whose
// createCheckpoint/serializeCheckpoint/parseCheckpoint work on strings and never reach this file.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseCheckpoint, serializeCheckpoint, type Checkpoint } from "./checkpoint/checkpoint";

let counter = 0;

/**
 * Writes `text` (a string, or bytes) to `path` atomically: into a temporary file beside `path` (same directory, so the same file
 * system), flushed to disk (fsync), then renamed over `path`. A crash or an error at any point leaves either the
 * old file or the new one, never a torn mix; the temporary file is removed on failure.
 */
export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`);
  try {
    const fd = openSync(tmp, "w");
    try {
      writeFileSync(fd, text);
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

/** Writes a checkpoint atomically ({@link writeFileAtomic}). */
export function writeCheckpointFile(path: string, checkpoint: Checkpoint): void {
  writeFileAtomic(path, serializeCheckpoint(checkpoint));
}

/** Reads and validates a checkpoint file written by {@link writeCheckpointFile}. */
export function readCheckpointFile(path: string): Checkpoint {
  return parseCheckpoint(readFileSync(path, "utf8"));
}
