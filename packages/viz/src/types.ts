// Plain input shapes. @vanish/viz never imports @vanish/rnn or @vanish/clipping: callers copy their numbers
// into these objects (arrays of numbers, no tensors), so the package works on logs read back from JSON too.

/** The recurrent cells of @vanish/rnn, named as in the JSON interchange (docs/interchange.md). */
export type CellType = "rnn_tanh" | "rnn_relu" | "lstm" | "gru";

/**
 * One line of numbers, e.g. ‖dL/dh_t‖ for t = 1..T of one model.
 *
 * `values[i]` may be NaN or ±Infinity (drawn as a gap with a × marker) or ≤ 0 on a log axis (drawn as a ▼ marker
 * on the bottom edge). `steps[i]` is the x position of `values[i]`; each chart documents its default.
 */
export interface Series {
  readonly label: string;
  /** Picks the cell's colour (see {@link CELL_COLORS}). */
  readonly cell?: CellType;
  /** A clipping strategy name or spec such as `"norm:1"`; picks its colour when `cell` is absent. */
  readonly strategy?: string;
  readonly values: readonly number[];
  readonly steps?: readonly number[];
}

/** One logged training step (what a training loop appends to `metrics.jsonl`). */
export interface TrainingRecord {
  readonly step: number;
  readonly loss: number;
  /** Fraction in [0, 1]; omit when the task has no accuracy. */
  readonly accuracy?: number;
  /** Total gradient norm *before* clipping. */
  readonly gradNorm: number;
  readonly clipped: boolean;
  /** The clip threshold used at this step (may change, e.g. AutoClip/ZClip); null or absent = no clipping. */
  readonly threshold?: number | null;
  /** The step produced a non-finite loss or gradient. */
  readonly nonFinite: boolean;
}

/** The records of one training run. */
export interface TrainingRun {
  readonly label: string;
  readonly cell?: CellType;
  readonly strategy?: string;
  readonly records: readonly TrainingRecord[];
}

/**
 * ‖dL/dh_t‖ recorded at several training steps: `norms[k][i]` is the norm at time step `timeSteps[i]` (default
 * i + 1) measured at training step `trainingSteps[k]` (default k). Shape `[trainingSteps, timeSteps]`.
 */
export interface GradientHeatmap {
  readonly norms: readonly (readonly number[])[];
  readonly trainingSteps?: readonly number[];
  readonly timeSteps?: readonly number[];
}

/** Accuracy of one model on one bucket (a distance in tokens, or a number of attractors). */
export interface BucketAccuracy {
  readonly label: string;
  readonly cell?: CellType;
  readonly strategy?: string;
  readonly bucket: number;
  /** Fraction in [0, 1]; NaN marks a bucket that could not be evaluated. */
  readonly accuracy: number;
  /** Number of examples in the bucket (shown in the tooltip). */
  readonly count?: number;
}

/**
 * The error surface of a one-unit RNN over a (w, b) grid (Pascanu et al. 2013, §3.3 and Fig. 6):
 * `error[j][i]` is E at (w[i], b[j]) — one row per b, one column per w, like an image. Shape `[b.length, w.length]`.
 */
export interface CliffGrid {
  readonly w: readonly number[];
  readonly b: readonly number[];
  readonly error: readonly (readonly number[])[];
}

/** A trajectory of (w, b) over optimisation steps, e.g. plain SGD or clipped SGD. */
export interface CliffPath {
  readonly label: string;
  readonly strategy?: string;
  readonly w: readonly number[];
  readonly b: readonly number[];
}

/** Options every chart accepts. */
export interface ChartOptions {
  /** Plot width in pixels (default 520). */
  readonly width?: number;
  /** Plot height in pixels (default depends on the chart). */
  readonly height?: number;
  /** Replaces the default title. */
  readonly title?: string;
}
