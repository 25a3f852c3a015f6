// One process at a time in a run or sweep directory: an OS-level lock (proper-lockfile: an atomic mkdir of
// DIR/.vanish.lock whose mtime the holder refreshes; a lock left by a crash goes stale and is taken over), and the
// holder's PID beside it (DIR/.vanish.owner) so that the refusal can name it. A lock whose recorded holder is a
// process of this machine that no longer exists is taken over at once instead of after the stale period.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import lockfile from "proper-lockfile";
import { RunDirectoryError } from "../engine/runDirectoryError";

/** The lock folder and the owner file inside a locked directory. */
export const LOCK_FILES = { lock: ".vanish.lock", owner: ".vanish.owner" } as const;

/** Milliseconds without a refresh after which a lock counts as abandoned (proper-lockfile's `stale`). */
export const LOCK_STALE_MS = 20_000;

/** Who holds a lock, as written in the owner file. */
export interface LockOwner {
  pid: number;
  hostname: string;
  /** The worker thread (0: the main thread). */
  thread: number;
  /** What holds it, e.g. "vanish train" or "vanish sweep". */
  what: string;
  since: string;
}

/** A held lock: release it when done; `compromised` is set if another process took it over meanwhile. */
export interface DirLock {
  readonly dir: string;
  compromised: Error | null;
  release(): void;
}

function readOwner(dir: string): LockOwner | null {
  try {
    const o = JSON.parse(readFileSync(join(dir, LOCK_FILES.owner), "utf8")) as LockOwner;
    return typeof o.pid === "number" ? o : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the lock of `dir` (which must exist) for `what`, or throws a {@link RunDirectoryError} naming the directory
 * and the PID that holds it. `kind` words the message ("run directory", "sweep directory").
 */
export function lockDirectory(dir: string, what: string, kind = "run directory"): DirLock {
  const lockfilePath = join(dir, LOCK_FILES.lock);
  const held: DirLock = {
    dir,
    compromised: null,
    release: () => {
      rmSync(join(dir, LOCK_FILES.owner), { force: true });
      try {
        lockfile.unlockSync(dir, { lockfilePath, realpath: false });
      } catch {
        // Already released, or taken over (compromised): nothing of ours is left to remove.
      }
    },
  };
  const options = {
    lockfilePath,
    realpath: false,
    stale: LOCK_STALE_MS,
    onCompromised: (err: Error) => {
      held.compromised = err;
    },
  };
  for (let attempt = 0; ; attempt++) {
    try {
      lockfile.lockSync(dir, options);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ELOCKED") throw e;
      const owner = readOwner(dir);
      // The recorded holder died on this machine (kill -9, a crash): its lock is stale now, not in 20 s.
      if (attempt === 0 && owner && owner.hostname === hostname() && owner.pid !== process.pid && !alive(owner.pid)) {
        rmSync(lockfilePath, { recursive: true, force: true });
        continue;
      }
      const by = owner ? `PID ${owner.pid}${owner.hostname === hostname() ? "" : ` on ${owner.hostname}`} (${owner.what}, since ${owner.since})` : "another process (its PID is not recorded yet)";
      throw new RunDirectoryError(dir, `${dir} is in use by ${by}: one process at a time may write a ${kind}; wait for it to finish or stop it (a lock left by a crash is taken over after ${LOCK_STALE_MS / 1000} s)`);
    }
  }
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), thread: threadId, what, since: new Date().toISOString() };
  writeFileSync(join(dir, LOCK_FILES.owner), `${JSON.stringify(owner)}\n`);
  return held;
}
