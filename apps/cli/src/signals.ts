// Stopping a long command cleanly: Ctrl-C (SIGINT), `kill`, `timeout`, `docker stop`, systemd and job schedulers
// (SIGTERM), and a closed terminal (SIGHUP) all abort the work in progress, which checkpoints and stops; the command
// then exits with 128 + the signal's number, as a shell reports a process killed by it.

/** The signals that stop a command cleanly, with their exit codes (128 + signal number). */
export const STOP_SIGNALS = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

/** Listens for the stop signals until disposed; `signal` aborts at the first one, `received` says which. */
export interface Interruption {
  readonly signal: AbortSignal;
  /** The first stop signal received, or null. */
  readonly received: StopSignal | null;
  /** 128 + the received signal's number (130 if none was received but the work was aborted). */
  exitCode(): number;
  dispose(): void;
}

/** Starts listening for SIGINT, SIGTERM and SIGHUP; a second signal while stopping is ignored (the first one wins). */
export function listenForStop(): Interruption {
  const controller = new AbortController();
  let received: StopSignal | null = null;
  const handlers = (Object.keys(STOP_SIGNALS) as StopSignal[]).map((sig) => {
    const handler = (): void => {
      received ??= sig;
      controller.abort();
    };
    process.on(sig, handler);
    return [sig, handler] as const;
  });
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    exitCode: () => STOP_SIGNALS[received ?? "SIGINT"],
    dispose: () => {
      for (const [sig, handler] of handlers) process.removeListener(sig, handler);
    },
  };
}

/**
 * When this process was started by a package-manager script (`pnpm vanish …`, `pnpm demo`), watches the wrapper:
 * if it dies — killed with SIGKILL, or by a signal it does not pass on — this process would go on alone, writing
 * into a run directory nobody is watching. It then sends itself SIGHUP (its parent "hung up"), which a running
 * command handles like any stop signal. Does nothing for a process started directly (`vanish …`, `nohup vanish …`).
 */
export function stopWhenOrphaned(everyMs = 500): void {
  const parent = process.ppid;
  if (parent <= 1) return;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      process.kill(process.pid, "SIGHUP");
    }
  }, everyMs);
  timer.unref();
}
