/**
 * Median seconds per call of `fn` (wall clock, and CPU time of the process in `cpu`) over `samples` timed samples
 * of at least `minSeconds` each, after a warm-up of the same length; `min` and `max` are wall clock.
 */
export function measure(fn: () => void, { samples = 5, minSeconds = 0.2 } = {}): { median: number; min: number; max: number; cpu: number } {
  const warm = performance.now();
  do fn();
  while (performance.now() - warm < minSeconds * 1000);
  const per: number[] = [];
  const cpu: number[] = [];
  for (let s = 0; s < samples; s++) {
    let reps = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let t1 = t0;
    do {
      fn();
      reps++;
      t1 = performance.now();
    } while (t1 - t0 < minSeconds * 1000);
    const used = process.cpuUsage(c0);
    per.push((t1 - t0) / 1000 / reps);
    cpu.push((used.user + used.system) / 1e6 / reps);
  }
  per.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const mid = Math.floor(per.length / 2);
  return { median: per[mid], min: per[0], max: per[per.length - 1], cpu: cpu[mid] };
}
