import type { RunConfig } from "../engine/config";
import { CELL_LABELS } from "../experiments/demoPlan";
import { strategyLabel } from "./strategyLabel";

/** Every leaf of a config as `path → JSON value` ("optimizer.lr" → "0.01"); arrays are leaves. */
function leaves(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix === "" ? k : `${prefix}.${k}`, out);
  } else {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

/** Fields that change no result (how often to log or instrument); they never name a run. */
const BOOKKEEPING = new Set(["logEvery", "instrumentEvery"]);

/** How one differing config value reads in a label. */
function part(path: string, config: RunConfig, json: string): string {
  const value = json.replace(/^"|"$/g, "");
  switch (path) {
    case "cell":
      return CELL_LABELS[config.cell];
    case "clip":
      return strategyLabel(config.clip);
    case "task.name":
    case "optimizer.name":
      return value;
    case "recurrentInit.kind":
      return `init ${value}`;
    default:
      return `${path.split(".").at(-1)} ${value}`;
  }
}

/**
 * Names for runs to compare, from what differs between their configs: "LSTM", "RNN, lr 0.01", "no clipping", …
 * Only fields every config has are compared (a knob of one task is implied by the task's name), and the logging
 * intervals are ignored. One run is named after its cell; runs whose configs are equal keep their folder names.
 */
export function runLabels(runs: readonly { readonly name: string; readonly config: RunConfig }[]): string[] {
  if (runs.length === 1) return [CELL_LABELS[runs[0]!.config.cell]];
  const all = runs.map((r) => leaves(r.config));
  const shared = [...all[0]!.keys()].filter((p) => !BOOKKEEPING.has(p) && all.every((m) => m.has(p)));
  const paths = shared.filter((p) => new Set(all.map((m) => m.get(p))).size > 1);
  // The cell first, then the clipping spec, then the rest in config order.
  const rank = (p: string) => (p === "cell" ? 0 : p === "clip" ? 1 : 2);
  paths.sort((a, b) => rank(a) - rank(b));
  const labels = runs.map((r, i) => (paths.length === 0 ? r.name : paths.map((p) => part(p, r.config, all[i]!.get(p)!)).join(", ")));
  // Labels must be unique for the charts' legends.
  return labels.map((l, i) => (labels.indexOf(l) === i ? l : `${l} (${runs[i]!.name})`));
}
