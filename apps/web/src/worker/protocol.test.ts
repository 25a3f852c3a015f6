import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../config/labConfig";
import { MAX_SENTENCE_LENGTH, MAX_STEP_COUNT, parseRequest } from "./protocol";

describe("parseRequest", () => {
  it("accepts the six requests, defaulting a step's count to 1", () => {
    expect(parseRequest({ type: "explain", text: "the cats were" })).toEqual({ ok: true, request: { type: "explain", text: "the cats were" } });
    expect(parseRequest({ type: "start" })).toEqual({ ok: true, request: { type: "start" } });
    expect(parseRequest({ type: "pause", extra: 1 })).toEqual({ ok: true, request: { type: "pause" } });
    expect(parseRequest({ type: "reset" })).toEqual({ ok: true, request: { type: "reset" } });
    expect(parseRequest({ type: "step" })).toEqual({ ok: true, request: { type: "step", count: 1 } });
    expect(parseRequest({ type: "step", count: MAX_STEP_COUNT })).toEqual({ ok: true, request: { type: "step", count: 1000 } });
    expect(parseRequest({ type: "config", config: DEFAULT_CONFIG })).toEqual({ ok: true, request: { type: "config", config: DEFAULT_CONFIG } });
  });

  it("refuses a bad config with every reason, field by field", () => {
    expect(parseRequest({ type: "config", config: { ...DEFAULT_CONFIG, hiddenSize: 0, clip: "norm", threshold: 0 } })).toEqual({
      ok: false,
      error: {
        type: "error",
        request: "config",
        message: "the settings were refused: hidden size must be an integer from 1 to 256, got 0; the clipping threshold must be a number > 0 and ≤ 1000000, got 0",
        errors: [
          { field: "hiddenSize", message: "hidden size must be an integer from 1 to 256, got 0" },
          { field: "threshold", message: "the clipping threshold must be a number > 0 and ≤ 1000000, got 0" },
        ],
      },
    });
  });

  it("refuses bad step counts, unknown types and non-objects", () => {
    const message = (raw: unknown) => {
      const p = parseRequest(raw);
      return p.ok ? "" : p.error.message;
    };
    expect(message({ type: "step", count: 0 })).toBe("step: count must be an integer from 1 to 1000, got 0");
    expect(message({ type: "step", count: "5" })).toBe('step: count must be an integer from 1 to 1000, got the string "5"');
    expect(message({ type: "train" })).toBe('message type must be one of config, start, pause, step, reset, explain, got the string "train"');
    expect(message({})).toBe("message type must be one of config, start, pause, step, reset, explain, got undefined");
    expect(message({ type: "explain", text: 3 })).toBe(`explain: text must be a string of at most ${MAX_SENTENCE_LENGTH} characters, got 3`);
    expect(message({ type: "explain", text: "a".repeat(MAX_SENTENCE_LENGTH + 1) })).toMatch(/^explain: text must be a string of at most 2000 characters, got the string/);
    expect(message("start")).toBe('a message must be an object { type, … }, got the string "start"');
    expect(message(null)).toBe("a message must be an object { type, … }, got null");
  });
});
