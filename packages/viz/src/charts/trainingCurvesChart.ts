// Chart 3: training curves — loss, accuracy, and the total gradient norm with the clip threshold, the clipped
// steps and the non-finite events (Pascanu, Mikolov & Bengio 2013, §3.2: clip when the norm exceeds a threshold).
import type { TopLevelSpec } from "vega-lite";
import { logAxis } from "../data/logAxis";
import { seriesRows, valueText, type CheckedSeries } from "../data/seriesRows";
import {
  expectArray,
  expectBoolean,
  expectFinite,
  expectNumber,
  expectObject,
  expectOptionalCell,
  expectOptionalString,
  expectPositiveOption,
  expectString,
  expectUniqueLabels,
  describe,
} from "../data/validate";
import { seriesStyles, type SeriesStyles } from "../palette";
import { CONFIG, DEFAULT_WIDTH, titleBlock, type Layer } from "../theme";
import type { ChartOptions, TrainingRecord, TrainingRun } from "../types";
import { noDataChart } from "./noDataChart";
import { plural, seriesLayers } from "./seriesLayers";

export interface TrainingCurvesOptions extends ChartOptions {
  /** Loss axis title with its unit, one line per entry (default "loss (nats)", for cross-entropy). */
  readonly lossTitle?: string | readonly string[];
  /** Log loss axis (default false). */
  readonly logLoss?: boolean;
  /** Legend title (default "run"). */
  readonly legendTitle?: string;
}

const CAPTION =
  "Top: the loss (and accuracy) during training. Bottom: the total gradient norm before clipping, on a log axis, " +
  "with each run's clip threshold as a thin dashed line and a dot on every step that was clipped. A × with a dashed " +
  "line and a shaded band marks the steps whose loss or gradient was not finite: the run blew up there. Clipping caps the step " +
  "size on the spikes, so the same run keeps training.";

/** One panel of the stacked chart. */
type Panel = Extract<TopLevelSpec, { vconcat: unknown }>["vconcat"][number];

interface CheckedRun {
  readonly label: string;
  readonly cell?: TrainingRun["cell"];
  readonly strategy?: string;
  readonly records: readonly TrainingRecord[];
}

function checkRuns(fn: string, runs: unknown): CheckedRun[] {
  const list = expectArray(fn, "runs", runs, "{ label, records }");
  const checked = list.map((item, r): CheckedRun => {
    const o = expectObject(fn, `runs[${r}]`, item, "an object { label, records, cell?, strategy? }");
    const label = expectString(fn, `runs[${r}].label`, o.label);
    const cell = expectOptionalCell(fn, `runs[${r}].cell`, o.cell);
    const strategy = expectOptionalString(fn, `runs[${r}].strategy`, o.strategy);
    const records = expectArray(fn, `runs[${r}].records`, o.records, "training records").map((rec, i) => {
      const p = `runs[${r}].records[${i}]`;
      const x = expectObject(fn, p, rec, "a record { step, loss, gradNorm, clipped, threshold?, nonFinite, accuracy? }");
      expectFinite(fn, `${p}.step`, x.step);
      expectNumber(fn, `${p}.loss`, x.loss);
      expectNumber(fn, `${p}.gradNorm`, x.gradNorm);
      expectBoolean(fn, `${p}.clipped`, x.clipped);
      expectBoolean(fn, `${p}.nonFinite`, x.nonFinite);
      if (x.threshold !== undefined && x.threshold !== null) expectNumber(fn, `${p}.threshold`, x.threshold);
      if (x.accuracy !== undefined) {
        const a = expectNumber(fn, `${p}.accuracy`, x.accuracy);
        if (a < 0 || a > 1) throw new RangeError(`${fn}: ${p}.accuracy must be a fraction in [0, 1], got ${describe(a)}`);
      }
      return x as unknown as TrainingRecord;
    });
    return { label, records, ...(cell === undefined ? {} : { cell }), ...(strategy === undefined ? {} : { strategy }) };
  });
  expectUniqueLabels(fn, "runs", checked.map((c) => c.label));
  return checked;
}

/** One subtitle line per run: how many steps were clipped, and where it went non-finite. */
function runNote(run: CheckedRun): string {
  const n = run.records.length;
  if (n === 0) return `${run.label}: no data`;
  const clipped = run.records.filter((r) => r.clipped).length;
  const bad = run.records.filter(isNonFinite);
  const parts = [`${run.label}: clipped ${clipped} of ${plural(n, "step")} (${((100 * clipped) / n).toFixed(1)}%)`];
  if (bad.length > 0) parts.push(`${plural(bad.length, "non-finite step")}, first at step ${bad[0]!.step}`);
  return parts.join("; ");
}

function panelX(domain: [number, number], showTitle: boolean) {
  return {
    field: "x",
    type: "quantitative" as const,
    title: showTitle ? "training step" : null,
    scale: { domain, nice: false },
    axis: { format: "d", ...(showTitle ? {} : { labels: true }) },
  };
}

/** A run of consecutive non-finite steps. */
interface Span {
  readonly label: string;
  readonly x0: number;
  readonly x1: number;
  readonly text: string;
}

/** A step whose record says so, or whose loss or gradient norm is NaN or ±∞. */
function isNonFinite(r: TrainingRecord): boolean {
  return r.nonFinite || !Number.isFinite(r.loss) || !Number.isFinite(r.gradNorm);
}

/** Groups each run's non-finite records into spans of consecutive records. */
function nonFiniteSpans(runs: readonly CheckedRun[]): Span[] {
  const spans: Span[] = [];
  for (const run of runs) {
    const rs = run.records;
    for (let i = 0; i < rs.length; i++) {
      if (!isNonFinite(rs[i]!)) continue;
      let j = i;
      while (j + 1 < rs.length && isNonFinite(rs[j + 1]!)) j++;
      const count = j - i + 1;
      const text = count === 1 ? `step ${rs[i]!.step}` : `steps ${rs[i]!.step}–${rs[j]!.step} (${count})`;
      spans.push({ label: run.label, x0: rs[i]!.step, x1: rs[j]!.step, text });
      i = j;
    }
  }
  return spans;
}

/** A shaded band (a dashed rule for a single step) over each non-finite span, with a × where it starts. */
function spanLayers(spans: readonly Span[], styles: SeriesStyles, x: ReturnType<typeof panelX>): Layer[] {
  if (spans.length === 0) return [];
  const color = { field: "label", type: "nominal" as const, scale: { domain: styles.labels, range: styles.colors } };
  const tooltip = [
    { field: "label", type: "nominal" as const, title: "run" },
    { field: "text", type: "nominal" as const, title: "non-finite at" },
  ];
  return [
    {
      data: { values: spans },
      transform: [{ filter: "datum.x1 > datum.x0" }],
      mark: { type: "rect", opacity: 0.12 },
      encoding: { x: { ...x, field: "x0" }, x2: { field: "x1" }, color, tooltip },
    },
    {
      data: { values: spans },
      mark: { type: "rule", strokeDash: [3, 3], strokeWidth: 1.5 },
      encoding: { x: { ...x, field: "x0" }, color, tooltip },
    },
    {
      data: { values: spans },
      mark: { type: "text", text: "×", fontSize: 18, fontWeight: "bold", baseline: "middle" },
      encoding: { x: { ...x, field: "x0" }, y: { value: 8 }, color, tooltip },
    },
  ];
}

/**
 * Training curves of one or more runs, stacked on a shared step axis: loss; accuracy (when any record has one);
 * total gradient norm (log axis) with each run's threshold (dashed), clipped steps (dots) and non-finite steps
 * (dashed rule and ×). The subtitle gives each run's fraction of clipped steps and its first non-finite step.
 */
export function trainingCurvesChart(runs: readonly TrainingRun[], options: TrainingCurvesOptions = {}): TopLevelSpec {
  const fn = "trainingCurvesChart";
  const checked = checkRuns(fn, runs);
  const width = expectPositiveOption(fn, "options.width", options.width, DEFAULT_WIDTH);
  const height = expectPositiveOption(fn, "options.height", options.height, 200);
  const title = options.title ?? "Training curves and gradient norm";
  const notes = checked.map(runNote);
  const all = checked.flatMap((r) => r.records);
  if (all.length === 0) return noDataChart(title, notes, width, height, CAPTION);

  const legendTitle = options.legendTitle ?? "run";
  const styles = seriesStyles(checked);
  // A loop, not Math.min(...steps): long training logs exceed the engine's argument limit.
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of all) {
    if (r.step < lo) lo = r.step;
    if (r.step > hi) hi = r.step;
  }
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const domain: [number, number] = [lo, hi];
  const series = (pick: (r: TrainingRecord) => number | undefined): CheckedSeries[] =>
    checked.map((run) => {
      const kept = run.records.filter((r) => pick(r) !== undefined);
      return { label: run.label, values: kept.map((r) => pick(r)!), steps: kept.map((r) => r.step) };
    });
  const spans = nonFiniteSpans(checked);
  const logLoss = options.logLoss === true;
  const lossRows = seriesRows(series((r) => r.loss), logLoss);
  const lossHeight = Math.round(height * 0.7);
  const panels: Panel[] = [];
  const common = {
    styles,
    nonFiniteMarkers: false,
    legendTitle,
    xTitle: "training step",
    xName: "step",
  };
  const lossPanel: Panel = {
    width,
    height: lossHeight,
    data: { values: lossRows },
    layer: [
      ...seriesLayers(lossRows, {
        ...common,
        height: lossHeight,
        yTitle: options.lossTitle ?? "loss (nats)",
        yName: "loss",
        y: logLoss ? { log: logAxis(lossRows.map((r) => r.y ?? NaN)) } : {},
      }),
      ...spanLayers(spans, styles, panelX(domain, false)),
    ],
  };
  panels.push(lossPanel);

  if (all.some((r) => r.accuracy !== undefined)) {
    const accRows = seriesRows(series((r) => r.accuracy), false);
    const accHeight = Math.round(height * 0.5);
    panels.push({
      width,
      height: accHeight,
      data: { values: accRows },
      layer: [
        ...seriesLayers(accRows, {
          ...common,
          height: accHeight,
          yTitle: "accuracy (%)",
          yName: "accuracy",
          y: { domain: [0, 1], format: ".0%" },
        }),
        ...spanLayers(spans, styles, panelX(domain, false)),
      ],
    });
  }

  const normRows = seriesRows(series((r) => r.gradNorm), true);
  const thresholdRows = checked.flatMap((run) =>
    run.records
      .filter((r) => typeof r.threshold === "number" && Number.isFinite(r.threshold) && r.threshold > 0)
      .map((r) => ({ label: run.label, x: r.step, t: r.threshold as number, value: valueText(r.threshold as number) })),
  );
  const clippedRows = checked.flatMap((run) =>
    run.records
      .filter((r) => r.clipped && Number.isFinite(r.gradNorm) && r.gradNorm > 0)
      .map((r) => ({ label: run.label, x: r.step, y: r.gradNorm, value: valueText(r.gradNorm) })),
  );
  const axis = logAxis([...normRows.map((r) => r.y ?? NaN), ...thresholdRows.map((r) => r.t)]);
  const color = { field: "label", type: "nominal" as const, title: legendTitle, scale: { domain: styles.labels, range: styles.colors } };
  const x = panelX(domain, true);
  const y = {
    type: "quantitative" as const,
    title: ["total gradient norm", "‖g‖₂ (log scale)"],
    scale: { type: "log" as const, domain: axis.domain, nice: false },
    axis: { values: axis.ticks, labelExpr: axis.labelExpr },
  };
  panels.push({
    width,
    height,
    data: { values: normRows },
    layer: [
      ...seriesLayers(normRows, {
        ...common,
        height,
        yTitle: ["total gradient norm", "‖g‖₂ (log scale)"],
        yName: "‖g‖ before clipping",
        y: { log: axis },
      }),
      ...(thresholdRows.length === 0
        ? []
        : [
            {
              data: { values: thresholdRows },
              mark: { type: "line" as const, interpolate: "step-after" as const, strokeDash: [5, 3], strokeWidth: 1.2 },
              encoding: {
                x,
                y: { ...y, field: "t" },
                color,
                detail: { field: "label", type: "nominal" as const },
                tooltip: [
                  { field: "label", type: "nominal" as const, title: "run" },
                  { field: "x", type: "quantitative" as const, title: "step" },
                  { field: "value", type: "nominal" as const, title: "threshold" },
                ],
              },
            },
          ]),
      ...(clippedRows.length === 0
        ? []
        : [
            {
              data: { values: clippedRows },
              mark: { type: "point" as const, filled: true, size: 22, opacity: 0.9 },
              encoding: {
                x,
                y: { ...y, field: "y" },
                color,
                tooltip: [
                  { field: "label", type: "nominal" as const, title: "run" },
                  { field: "x", type: "quantitative" as const, title: "clipped at step" },
                  { field: "value", type: "nominal" as const, title: "‖g‖ before clipping" },
                ],
              },
            },
          ]),
      ...spanLayers(spans, styles, x),
    ],
  });

  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: CAPTION,
    title: titleBlock(title, [...notes, "thin dashed line: clip threshold · dot: clipped step · × and shaded band: non-finite steps"]),
    config: CONFIG,
    vconcat: panels,
    resolve: { scale: { x: "shared", color: "shared", strokeDash: "shared" } },
  };
}
