// The four training tasks of a run, their presets and their knobs (docs/tasks.md). A task config is plain JSON:
// `{ name, preset, knobs }`, where `knobs` are the task's own options on top of the preset, fully resolved.
import { agreementConfig, type AgreementOptions, type PresetName } from "@vanish/datasets";
import { fail, failWith, intAtLeast as int, keysOf, listOf, oneOf, show } from "./check";

export const TASK_NAMES = ["agreement", "adding", "temporalOrder", "copy"] as const;
export type TaskName = (typeof TASK_NAMES)[number];

export const TASK_PRESETS = ["easy", "default", "hard"] as const;
export type TaskPreset = (typeof TASK_PRESETS)[number];

/** Knobs of the adding problem (Hochreiter & Schmidhuber 1997; modern form of Le et al. 2015). */
export interface AddingKnobs {
  length: number;
  variant: "modern" | "hochreiter";
}

/** Knobs of the temporal order problem (Hochreiter & Schmidhuber 1997, experiments 6a/6b). */
export interface TemporalOrderKnobs {
  length: number;
  classes: 4 | 8;
  jitter: number;
}

/** Knobs of the copy memory task (Arjovsky et al. 2016). */
export interface CopyKnobs {
  delay: number;
  symbols: number;
  count: number;
}

/**
 * Knobs of agreement: `@vanish/datasets`' `AgreementOptions` without `preset`. Framing "number" and
 * "grammaticality" train a classifier read at the last step; "lm" trains next-token prediction at every step and is
 * scored on the target verb (Linzen et al. 2016).
 */
export type AgreementKnobs = Omit<AgreementOptions, "preset">;

/** A task: which one, which preset, and every knob (the preset's values with the overrides applied). */
export type TaskConfig =
  | { name: "agreement"; preset: TaskPreset; knobs: AgreementKnobs }
  | { name: "adding"; preset: TaskPreset; knobs: AddingKnobs }
  | { name: "temporalOrder"; preset: TaskPreset; knobs: TemporalOrderKnobs }
  | { name: "copy"; preset: TaskPreset; knobs: CopyKnobs };

/**
 * Presets of the synthetic tasks. "default" sits where the measurement in docs/tasks.md#trap separates the cells (adding at
 * T = 25: a vanilla RNN stays at the 0.167 baseline, an LSTM solves it); "easy" is a control every cell solves;
 * "hard" is where the LSTM fails too at a small budget.
 */
const SEQUENCE_PRESETS = {
  adding: {
    easy: { length: 10, variant: "modern" },
    default: { length: 25, variant: "modern" },
    hard: { length: 50, variant: "modern" },
  },
  temporalOrder: {
    easy: { length: 20, classes: 4, jitter: 0.1 },
    default: { length: 50, classes: 4, jitter: 0.1 },
    hard: { length: 100, classes: 8, jitter: 0.1 },
  },
  copy: {
    easy: { delay: 5, symbols: 8, count: 3 },
    default: { delay: 20, symbols: 8, count: 5 },
    hard: { delay: 50, symbols: 8, count: 10 },
  },
} as const satisfies Record<Exclude<TaskName, "agreement">, Record<TaskPreset, object>>;

/** The knob names each task accepts (agreement: every `AgreementOptions` field but `preset`). */
export const TASK_KNOBS: Readonly<Record<TaskName, readonly string[]>> = {
  agreement: ["framing", "distance", "distanceDraw", "attractors", "nesting", "target", "prefix", "enclosing", "material", "neutralNouns", "determiners", "pluralRate", "lexicon", "heldOutNouns", "heldOutRole"],
  adding: ["length", "variant"],
  temporalOrder: ["length", "classes", "jitter"],
  copy: ["delay", "symbols", "count"],
};

/** Whether `task` is agreement in the language-model framing (loss per token, verb agreement accuracy). */
export function isLanguageModel(task: TaskConfig): boolean {
  return task.name === "agreement" && task.knobs.framing === "lm";
}

/**
 * Validates `task` (an object, or a task name) and fills in the name (default "agreement"), the preset (default
 * "default") and every knob.
 */
export function resolveTaskConfig(task: unknown, where = "config.task"): TaskConfig {
  const t = typeof task === "string" ? { name: task } : task;
  if (t === null || typeof t !== "object" || Array.isArray(t)) {
    fail("type", where, `must be an object {name, preset?, knobs?} or a task name (${listOf(TASK_NAMES)}), got ${show(t)}`);
  }
  keysOf(where, t, ["name", "preset", "knobs"]);
  const o = t as { name?: unknown; preset?: unknown; knobs?: unknown };
  const name = oneOf(`${where}.name`, o.name ?? "agreement", TASK_NAMES);
  const preset = oneOf(`${where}.preset`, o.preset ?? "default", TASK_PRESETS);
  const knobs = o.knobs ?? {};
  if (knobs === null || typeof knobs !== "object" || Array.isArray(knobs)) fail("type", `${where}.knobs`, `must be an object, got ${show(knobs)}`);
  keysOf(`${where}.knobs`, knobs, TASK_KNOBS[name], `for task "${name}"`);
  const k = knobs as Record<string, unknown>;
  const kw = `${where}.knobs`;
  switch (name) {
    case "agreement": {
      let resolved;
      try {
        resolved = agreementConfig({ ...(k as AgreementKnobs), preset: preset as PresetName });
      } catch (e) {
        failWith(kw, e);
      }
      // A plain, mutable copy of the frozen datasets config (JSON round trip keeps it canonical).
      const plain = JSON.parse(JSON.stringify(resolved)) as AgreementKnobs;
      return { name, preset, knobs: plain };
    }
    case "adding": {
      const base = SEQUENCE_PRESETS.adding[preset];
      const variant = oneOf(`${kw}.variant`, k.variant ?? base.variant, ["modern", "hochreiter"] as const);
      const length = int(`${kw}.length`, k.length ?? base.length, variant === "modern" ? 2 : 20);
      return { name, preset, knobs: { length, variant } };
    }
    case "temporalOrder": {
      const base = SEQUENCE_PRESETS.temporalOrder[preset];
      const length = int(`${kw}.length`, k.length ?? base.length, 10);
      const classes = oneOf(`${kw}.classes`, k.classes ?? base.classes, [4, 8] as const);
      const jitter = k.jitter ?? base.jitter;
      if (typeof jitter !== "number" || !(jitter >= 0 && jitter <= 10)) fail("range", `${kw}.jitter`, `must be a number in [0, 10], got ${show(jitter)}`);
      return { name, preset, knobs: { length, classes, jitter } };
    }
    case "copy": {
      const base = SEQUENCE_PRESETS.copy[preset];
      return {
        name,
        preset,
        knobs: { delay: int(`${kw}.delay`, k.delay ?? base.delay, 1), symbols: int(`${kw}.symbols`, k.symbols ?? base.symbols, 2), count: int(`${kw}.count`, k.count ?? base.count, 1) },
      };
    }
  }
}
