/** Median seconds per call of `fn` over `samples` timed samples of at least `minSeconds` each, after a warm-up. */
export function measure(fn: () => void, { samples = 5, minSeconds = 0.2 } = {}): { median: number; min: number; max: number } {
  const warm = performance.now();
  do fn();
  while (performance.now() - warm < minSeconds * 1000);
  const per: number[] = [];
  for (let s = 0; s < samples; s++) {
    let reps = 0;
    const t0 = performance.now();
    let t1 = t0;
    do {
      fn();
      reps++;
      t1 = performance.now();
    } while (t1 - t0 < minSeconds * 1000);
    per.push((t1 - t0) / 1000 / reps);
  }
  per.sort((a, b) => a - b);
  return { median: per[Math.floor(per.length / 2)], min: per[0], max: per[per.length - 1] };
}
