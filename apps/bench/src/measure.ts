/** How long to warm up and how to sample; see {@link measure}. */
export interface TimingOptions {
  /** Seconds of untimed calls first (JIT warm-up, caches, tfjs kernel setup). At least two calls always run. */
  warmupSeconds: number;
  /** Timed samples to take. */
  samples: number;
  /** Each sample runs whole calls until at least this many seconds have passed. */
  minSeconds: number;
}

/** The full run: 1 s of warm-up, then 5 samples of at least 0.5 s each. */
export const FULL_TIMING: TimingOptions = Object.freeze({ warmupSeconds: 1, samples: 5, minSeconds: 0.5 });
/** A smoke run (`--quick`): enough to see that everything works, not to quote. */
export const QUICK_TIMING: TimingOptions = Object.freeze({ warmupSeconds: 0.1, samples: 3, minSeconds: 0.1 });

/** A batch of calls is timed as one unit only once it takes this long (keeps clock reads out of tiny calls). */
const BATCH_MS = 2;

/**
 * Times `call` and returns the seconds per call of each sample. The first call decides the mode: when it
 * returns a promise every call is awaited (tfjs's `trainOnBatch`), otherwise calls run back to back in batches
 * sized during warm-up so that reading the clock costs nothing measurable even for microsecond calls.
 */
export async function measure(call: () => unknown, options: TimingOptions): Promise<number[]> {
  const first = call();
  const isAsync = typeof (first as { then?: unknown } | null)?.then === "function";
  if (isAsync) await first;
  const run = async (n: number): Promise<void> => {
    if (isAsync) for (let i = 0; i < n; i++) await call();
    else for (let i = 0; i < n; i++) call();
  };

  let reps = 1;
  let calls = 1;
  const warm = performance.now();
  while (calls < 2 || performance.now() - warm < options.warmupSeconds * 1000) {
    const t0 = performance.now();
    await run(reps);
    calls += reps;
    if (performance.now() - t0 < BATCH_MS) reps *= 2;
  }

  const perCall: number[] = [];
  for (let s = 0; s < options.samples; s++) {
    let n = 0;
    const t0 = performance.now();
    let t1 = t0;
    do {
      await run(reps);
      n += reps;
      t1 = performance.now();
    } while (t1 - t0 < options.minSeconds * 1000);
    perCall.push((t1 - t0) / 1000 / n);
  }
  return perCall;
}
