// The messages between the page and the training worker. Everything is plain, structured-cloneable data.
//
//   page → worker: config | start | pause | step | reset | explain
//   worker → page: ready | progress | metrics | samples | nonFinite | sentence | error
import { describeValue } from "@vanish/core";
import { validateConfig, type FieldError, type LabConfig } from "../config/labConfig";
import type { SentenceReading } from "../sentence/sentenceModel";
import type { SampleView } from "../training/taskSource";
import type { Evaluation, Instruments, NonFiniteReport, Prediction, StepRecord } from "../training/trainer";

export type Request =
  /** Replace the configuration and build a fresh run at step 0 (refused, with the reasons, when invalid). */
  | { type: "config"; config: LabConfig }
  /** Train continuously until paused, halted or reconfigured. */
  | { type: "start" }
  | { type: "pause" }
  /** Train `count` steps (1 … MAX_STEP_COUNT) now, then stay paused. */
  | { type: "step"; count: number }
  /** A fresh run from the same configuration (same seed: the same weights and batches again). */
  | { type: "reset" }
  /** Read a sentence with the live model (the sentence view): answered with a `sentence` message. */
  | { type: "explain"; text: string };

export const REQUEST_TYPES = ["config", "start", "pause", "step", "reset", "explain"] as const;
/** The longest sentence `explain` reads, in characters. */
export const MAX_SENTENCE_LENGTH = 2000;
export const MAX_STEP_COUNT = 1000;

/**
 * - `unconfigured`: no valid config yet; `ready`: a run at step 0; `running`; `paused`;
 * - `halted`: the run stopped on a non-finite loss, gradient or weight and cannot go on (reset or reconfigure).
 */
export type RunState = "unconfigured" | "ready" | "running" | "paused" | "halted";

export type Response =
  /** Sent once when the worker has started; `backend` is @vanish/core's gemm backend ("wasm" or "js"). */
  | { type: "ready"; backend: string }
  /** After every state change and every slice of training. */
  | { type: "progress"; state: RunState; step: number; stepsPerSecond: number }
  /**
   * The steps trained since the last metrics message (in order), the instrumented ones among them, and (lm framing)
   * the held-out evaluations made since (at step 0 and every `evaluateEvery` steps).
   */
  | { type: "metrics"; records: StepRecord[]; instruments: Instruments[]; evaluations: Evaluation[] }
  /** The shown examples (sent with each new run) and the model's current predictions on them. */
  | { type: "samples"; step: number; samples: SampleView[]; predictions: Prediction[]; task: LabConfig["task"] }
  | { type: "nonFinite"; report: NonFiniteReport }
  /** The live model's reading of `text` at `step`, or null with the reason in `message`. */
  | { type: "sentence"; step: number; text: string; reading: SentenceReading | null; message: string }
  /** A refused request: `request` names it; `errors` lists the bad fields of a refused config. */
  | { type: "error"; request: string; message: string; errors?: FieldError[] };

/** A request checked for shape, or the error to send back. */
export type Parsed = { ok: true; request: Request } | { ok: false; error: Extract<Response, { type: "error" }> };


/**
 * Checks an incoming message. The worker trusts nothing it receives: the page validates its form, but a message
 * may come from a shared link, the console or another version of the page.
 */
export function parseRequest(raw: unknown): Parsed {
  const fail = (request: string, message: string, errors?: FieldError[]): Parsed => ({
    ok: false,
    error: { type: "error", request, message, ...(errors && { errors }) },
  });
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return fail("unknown", `a message must be an object { type, … }, got ${describeValue(raw)}`);
  }
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case "config": {
      const v = validateConfig(m.config);
      if (!v.ok) return fail("config", `the settings were refused: ${v.errors.map((e) => e.message).join("; ")}`, v.errors);
      return { ok: true, request: { type: "config", config: v.config } };
    }
    case "step": {
      const count = m.count ?? 1;
      if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_STEP_COUNT) {
        return fail("step", `step: count must be an integer from 1 to ${MAX_STEP_COUNT}, got ${describeValue(count)}`);
      }
      return { ok: true, request: { type: "step", count } };
    }
    case "explain": {
      if (typeof m.text !== "string" || m.text.length > MAX_SENTENCE_LENGTH) {
        return fail("explain", `explain: text must be a string of at most ${MAX_SENTENCE_LENGTH} characters, got ${describeValue(m.text)}`);
      }
      return { ok: true, request: { type: "explain", text: m.text } };
    }
    case "start":
    case "pause":
    case "reset":
      return { ok: true, request: { type: m.type } };
    default:
      return fail(typeof m.type === "string" ? m.type : "unknown", `message type must be one of ${REQUEST_TYPES.join(", ")}, got ${describeValue(m.type)}`);
  }
}
