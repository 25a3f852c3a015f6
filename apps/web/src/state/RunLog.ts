// Everything the page keeps about the current run: every step's record (for the export), thinned histories for the
// charts, and the non-finite events. Plain data in, plain data out; the charts and the export read from here.
import type { ChartData } from "../charts/labCharts";
import type { LabConfig } from "../config/labConfig";
import type { Evaluation, Instruments, NonFiniteReport, StepRecord } from "../training/trainer";
import { Thinned } from "./Thinned";

/** Rows of the heatmap and points of the spectral-radius chart kept (evenly spaced over the run). */
export const HISTORY_ROWS = 48;
/** Points of the training curves drawn (the export keeps every step). */
export const CURVE_POINTS = 400;

/** The JSON document "Export metrics" saves. */
export interface RunExport {
  format: "vanish-lab-run";
  version: 1;
  exportedAt: string;
  /** A link that reopens the lab with these settings. */
  url: string;
  config: LabConfig;
  /** @vanish/core's gemm backend in the worker. */
  backend: string;
  steps: number;
  /** Every training step, in order. */
  records: StepRecord[];
  /** The instrumented steps kept for the charts (‖dL/dh_t‖ over the window, ρ of W_hh's gate blocks). */
  instruments: Instruments[];
  /** lm framing: every held-out evaluation of verb agreement by distance bucket (empty otherwise). */
  evaluations: Evaluation[];
  nonFinite: NonFiniteReport[];
}

export class RunLog {
  config: LabConfig | null = null;
  records: StepRecord[] = [];
  readonly instruments = new Thinned<Instruments>(HISTORY_ROWS);
  first: Instruments | null = null;
  /** Every evaluation (a few hundred numbers per thousand steps: all kept). */
  evaluations: Evaluation[] = [];
  nonFinite: NonFiniteReport[] = [];

  /** Forgets everything: a new run with `config` begins. */
  reset(config: LabConfig): void {
    this.config = config;
    this.records = [];
    this.instruments.clear();
    this.first = null;
    this.evaluations = [];
    this.nonFinite = [];
  }

  add(records: readonly StepRecord[], instruments: readonly Instruments[], evaluations: readonly Evaluation[] = []): void {
    for (const e of evaluations) this.evaluations.push(e);
    for (const r of records) this.records.push(r);
    for (const i of instruments) {
      if (this.first === null) this.first = i;
      this.instruments.push(i);
    }
  }

  addNonFinite(report: NonFiniteReport): void {
    this.nonFinite.push(report);
  }

  get step(): number {
    return this.records.length === 0 ? 0 : this.records[this.records.length - 1].step;
  }

  /** At most about `max` records evenly spaced over the run, always with the first, the last and every non-finite one. */
  curve(max = CURVE_POINTS): StepRecord[] {
    const n = this.records.length;
    if (n <= max) return this.records.slice();
    const stride = Math.ceil(n / max);
    return this.records.filter((r, i) => i % stride === 0 || i === n - 1 || r.nonFinite);
  }

  /** A plain snapshot for the charts (the log must have a config). */
  chartData(): ChartData {
    if (!this.config) throw new TypeError("RunLog.chartData: there is no run yet");
    const ev = this.evaluations;
    return { config: this.config, curve: this.curve(), rows: this.instruments.items(), first: this.first, evaluations: ev.length <= 2 ? ev.slice() : [ev[0], ev[ev.length - 1]] };
  }

  /** Fraction of the steps so far whose gradient was clipped. */
  clippedFraction(): number {
    if (this.records.length === 0) return 0;
    let c = 0;
    for (const r of this.records) if (r.clipped) c++;
    return c / this.records.length;
  }

  toExport(url: string, backend: string, now: Date): RunExport {
    if (!this.config) throw new TypeError("RunLog.toExport: there is no run to export yet");
    return {
      format: "vanish-lab-run",
      version: 1,
      exportedAt: now.toISOString(),
      url,
      config: this.config,
      backend,
      steps: this.step,
      records: this.records,
      instruments: this.instruments.items(),
      evaluations: this.evaluations,
      nonFinite: this.nonFinite,
    };
  }
}

/** JSON text of an export; NaN and ±Infinity are written as the strings "NaN", "Infinity", "-Infinity" (JSON has no such numbers). */
export function exportJson(doc: RunExport): string {
  return JSON.stringify(doc, (_key, value) => (typeof value === "number" && !Number.isFinite(value) ? String(value) : value), 1);
}
