// The settings form ↔ a LabConfig. The form's own constraints (min, max, step, required) stop most bad input as it
// is typed; `validateConfig` then decides, and its messages are shown beside the fields.
import { DEFAULT_CONFIG, LIMITS, minDistance, type FieldError, type LabConfig } from "../config/labConfig";

const NUMERIC = new Set<keyof LabConfig>(["distance", "length", "hiddenSize", "learningRate", "recurrentScale", "threshold", "batchSize", "seed"]);
const FIELDS = Object.keys(DEFAULT_CONFIG) as (keyof LabConfig)[];

/** The threshold's meaning for each strategy. */
const THRESHOLD_LABELS: Record<LabConfig["clip"], string> = {
  none: "Threshold",
  norm: "Max norm c",
  value: "Clip value c",
  tensornorm: "Max norm per tensor",
  agc: "λ (AGC)",
  autoclip: "Percentile (0–100]",
};

function control(form: HTMLFormElement, name: keyof LabConfig): HTMLInputElement | HTMLSelectElement {
  return form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
}

/** What the form says now (numbers as typed; an empty number field is NaN, which validation refuses, except the forget-gate bias: null). */
export function readForm(form: HTMLFormElement): Record<keyof LabConfig, unknown> {
  const out = {} as Record<keyof LabConfig, unknown>;
  for (const name of FIELDS) {
    const el = control(form, name);
    const empty = el.value.trim() === "";
    if (name === "forgetBias") out[name] = empty ? null : Number(el.value);
    else out[name] = NUMERIC.has(name) ? (empty ? NaN : Number(el.value)) : el.value;
  }
  return out;
}

/** What the framing means, under its menu. */
const FRAMING_HELP: Record<LabConfig["framing"], string> = {
  number: "reads the words before the verb and says singular or plural; every sentence exactly at the distance below",
  lm: "Linzen et al. 2016: predicts every next word, scored where its “were” beats “was”; distances drawn log-uniformly up to the one below, accuracy charted per distance",
};

/** Puts a configuration into the form and updates what depends on it (visible rows, labels, slider bounds). */
export function writeForm(form: HTMLFormElement, config: LabConfig): void {
  for (const name of FIELDS) control(form, name).value = config[name] === null ? "" : String(config[name]);
  syncForm(form);
}

/** Shows the rows of the chosen task, the threshold's label, the distance slider's bounds and the slider readouts. */
export function syncForm(form: HTMLFormElement): void {
  const task = control(form, "task").value;
  for (const row of form.querySelectorAll<HTMLElement>("[data-task]")) row.hidden = row.dataset.task !== task;
  const clip = control(form, "clip").value as LabConfig["clip"];
  const threshold = control(form, "threshold") as HTMLInputElement;
  (form.querySelector("#threshold-row") as HTMLElement).hidden = clip === "none";
  (form.querySelector("#threshold-label") as HTMLElement).textContent = THRESHOLD_LABELS[clip] ?? "Threshold";
  threshold.max = clip === "autoclip" ? "100" : String(LIMITS.threshold.max);
  const framing = control(form, "framing").value as LabConfig["framing"];
  (form.querySelector("#framing-help") as HTMLElement).textContent = FRAMING_HELP[framing] ?? "";
  (form.querySelector("#distance-label") as HTMLElement).textContent = framing === "lm" ? "Longest distance subject → verb" : "Distance subject → verb";
  const distance = control(form, "distance") as HTMLInputElement;
  distance.min = String(minDistance(control(form, "preset").value as LabConfig["preset"]));
  for (const name of ["distance", "length"] as const) {
    const out = form.querySelector(`#${name}-out`);
    if (out) out.textContent = control(form, name).value;
  }
}

/** Marks the refused fields (aria-invalid, the message under the field) and clears the others. */
export function showErrors(form: HTMLFormElement, errors: readonly FieldError[]): void {
  for (const name of FIELDS) {
    const el = control(form, name);
    const message = errors.filter((e) => e.field === name).map((e) => e.message).join("; ");
    el.setAttribute("aria-invalid", message ? "true" : "false");
    const slot = form.querySelector<HTMLElement>(`#${name}-error`);
    if (slot) {
      slot.textContent = message;
      slot.hidden = message === "";
    }
  }
  const general = form.querySelector<HTMLElement>("#config-error")!;
  const rest = errors.filter((e) => e.field === "config" || !form.querySelector(`#${e.field}-error`)).map((e) => e.message);
  general.textContent = rest.join("; ");
  general.hidden = rest.length === 0;
}
