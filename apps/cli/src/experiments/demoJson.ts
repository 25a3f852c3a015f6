// `demo.json`: the demo's results as data, beside the report, so that a reader (or a test, or a script) can check
// every claim of the report without parsing HTML. Built from the same runs the report reads; nothing is recomputed.
import type { DemoResults, DemoRun } from "./runDemo";
import type { DemoCell, DemoSize } from "./demoPlan";
import { DEMO_CELLS } from "./demoPlan";
import { reachOf } from "../report/reach";

export interface DemoBucketJson {
  readonly distance: readonly [number, number];
  readonly accuracy: number | null;
  readonly count: number;
}

export interface DemoAttractorsJson {
  readonly attractors: number;
  readonly accuracy: number | null;
  readonly count: number;
}

/** One agreement (or control) run: accuracy per distance bucket and per attractor count, buckets sorted. */
export interface DemoAgreementJson {
  readonly cell: DemoCell;
  readonly seed: number;
  readonly byDistance: readonly DemoBucketJson[];
  readonly byAttractors: readonly DemoAttractorsJson[];
}

export interface DemoAddingJson {
  readonly cell: DemoCell;
  readonly seed: number;
  /** The sequence length T. */
  readonly length: number;
  /** The final evaluation's mean squared error (null if the run failed). */
  readonly mse: number | null;
  /** What predicting the expected sum without memory scores. */
  readonly baseline: number;
}

export interface DemoExplodingJson {
  /** The clipping spec, "none" for the unclipped run. */
  readonly clip: string;
  readonly seed: number;
  readonly status: "completed" | "failed";
  /** The step at which the loss or gradient became non-finite (null when the run completed). */
  readonly failureStep: number | null;
  /** The final evaluation's MSE (null when the run failed). */
  readonly mse: number | null;
}

/** A memory-free shortcut's accuracy on the agreement test sentences whose subject is ≥ `minDistance` words back. */
export interface DemoShortcutJson {
  readonly name: string;
  readonly accuracy: number;
}

export interface DemoJson {
  readonly size: DemoSize;
  readonly seeds: readonly number[];
  readonly agreement: readonly DemoAgreementJson[];
  readonly control: readonly DemoAgreementJson[];
  readonly adding: readonly DemoAddingJson[];
  readonly exploding: readonly DemoExplodingJson[];
  readonly shortcuts: readonly DemoShortcutJson[];
  /**
   * Per cell: the smallest distance at which its accuracy, averaged over seeds, falls below 75% (the lower edge of
   * the first such bucket), or null when it stays at or above 75% in every bucket.
   */
  readonly reach: Readonly<Record<DemoCell, number | null>>;
}

const accuracy = (a: number | null): number | null => (a === null || !Number.isFinite(a) ? null : a);

/** One agreement or control run's buckets, sorted, with non-finite accuracies as null. */
export function agreementRun(run: DemoRun): DemoAgreementJson {
  const e = run.summary.evaluation;
  const byDistance = (e?.byDistance ?? [])
    .map((b) => ({ distance: [b.distance[0], b.distance[1]] as const, accuracy: accuracy(b.accuracy), count: b.count }))
    .sort((a, b) => a.distance[0] - b.distance[0]);
  const byAttractors = (e?.byAttractors ?? [])
    .map((b) => ({ attractors: b.attractors, accuracy: accuracy(b.accuracy), count: b.count }))
    .sort((a, b) => a.attractors - b.attractors);
  return { cell: run.job.cell as DemoCell, seed: run.job.seed, byDistance, byAttractors };
}

/** Mean accuracy over seeds per distance bucket (a failed run's missing bucket counts as NaN, i.e. below any bar). */
export function meanByDistance(runs: readonly DemoAgreementJson[]): { lo: number; hi: number; accuracy: number }[] {
  if (runs.length === 0) return [];
  return runs[0]!.byDistance.map((b, k) => {
    const sum = runs.reduce((s, r) => s + (r.byDistance[k]?.accuracy ?? NaN), 0);
    return { lo: b.distance[0], hi: b.distance[1], accuracy: sum / runs.length };
  });
}

/** The demo's results as plain JSON (see {@link DemoJson}). */
export function demoJson(results: DemoResults): DemoJson {
  const group = (name: string) => results.runs.filter((r) => r.job.group === name);
  const agreement = group("agreement").map(agreementRun);
  const reach = Object.fromEntries(
    DEMO_CELLS.map((cell) => [cell, reachOf(meanByDistance(agreement.filter((r) => r.cell === cell)))]),
  ) as Record<DemoCell, number | null>;
  return {
    size: results.plan.size,
    seeds: [...results.plan.seeds],
    agreement,
    control: group("control").map(agreementRun),
    adding: group("adding").map((r) => {
      const task = r.job.config.task;
      const e = r.summary.evaluation;
      return {
        cell: r.job.cell as DemoCell,
        seed: r.job.seed,
        length: task.name === "adding" ? task.knobs.length : NaN,
        mse: e === null ? null : e.loss,
        baseline: e?.baseline.value ?? NaN,
      };
    }),
    exploding: group("exploding").map((r) => ({
      clip: r.job.clip,
      seed: r.job.seed,
      status: r.summary.status,
      failureStep: r.summary.failure?.step ?? null,
      mse: r.summary.evaluation === null ? null : r.summary.evaluation.loss,
    })),
    shortcuts: results.shortcuts.map((s) => ({ name: s.name, accuracy: s.accuracy })),
    reach,
  };
}
