// The q-th percentile with NumPy's default "linear" method (Hyndman & Fan 1996, definition 7), which AutoClip's
// reference code uses through `np.percentile`.

/**
 * The `p`-th percentile (0 ≤ p ≤ 100) of the first `n` values of an ascending array: position p/100·(n−1),
 * interpolated linearly between its neighbours with NumPy's `_lerp` (a + (b−a)·t, or b − (b−a)·(1−t) when
 * t ≥ 0.5, which keeps the result monotonic and exact at both ends). NaN for n = 0.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, n: number, p: number): number {
  if (n === 0) return NaN;
  const pos = (p / 100) * (n - 1);
  const lo = Math.floor(pos);
  const hi = lo + 1 < n ? lo + 1 : n - 1;
  const t = pos - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
