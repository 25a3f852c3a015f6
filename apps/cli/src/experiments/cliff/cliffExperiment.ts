import type { CliffGrid } from "@vanish/viz";
import { oneUnitRnn, PASCANU_RNN } from "./oneUnitRnn";
import { sgdPath, type SgdPath } from "./sgdPath";

export interface CliffOptions {
  /** Grid of w values: [min, max, count] (default [2, 9, 71]). */
  readonly w?: readonly [number, number, number];
  /** Grid of b values: [min, max, count] (default [−5, 5, 51]). */
  readonly b?: readonly [number, number, number];
  /** Where both SGD runs start (default (4.5, −2.5), just below the wall). */
  readonly start?: readonly [number, number];
  readonly lr?: number;
  readonly steps?: number;
  /** The clipped run's global-norm threshold (default 1). */
  readonly maxNorm?: number;
}

/** The surface and the two runs; every number the cliff's chart and sentences need. */
export interface CliffResult {
  readonly grid: CliffGrid;
  readonly start: readonly [number, number];
  readonly lr: number;
  readonly steps: number;
  readonly maxNorm: number;
  readonly plain: SgdPath;
  readonly clipped: SgdPath;
}

function linspace([lo, hi, n]: readonly [number, number, number]): number[] {
  // Rounded to 1e-9 so that axis labels read 2.1, not 2.1000000000000001.
  return Array.from({ length: n }, (_, i) => Math.round((lo + (n === 1 ? 0 : (i * (hi - lo)) / (n - 1))) * 1e9) / 1e9);
}

/**
 * Pascanu et al. (2013), Fig. 6: E over a (w, b) grid, and plain and clipped SGD from the same start with the same
 * learning rate. Closed form, so it is exact and takes milliseconds.
 */
export function cliffExperiment(options: CliffOptions = {}): CliffResult {
  const w = linspace(options.w ?? [2, 9, 71]);
  const b = linspace(options.b ?? [-5, 5, 51]);
  const scratch = new Float64Array(PASCANU_RNN.steps + 1);
  const error = b.map((bj) => w.map((wi) => oneUnitRnn(wi, bj, PASCANU_RNN, scratch).error));
  const start = options.start ?? [4.5, -2.5];
  const lr = options.lr ?? 0.5;
  const steps = options.steps ?? 40;
  const maxNorm = options.maxNorm ?? 1;
  return {
    grid: { w, b, error },
    start,
    lr,
    steps,
    maxNorm,
    plain: sgdPath(start[0], start[1], { lr, steps }),
    clipped: sgdPath(start[0], start[1], { lr, steps, maxNorm }),
  };
}
