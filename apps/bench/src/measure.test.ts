import { describe, expect, it } from "vitest";
import { measure } from "./measure";

const tiny = { warmupSeconds: 0.01, samples: 3, minSeconds: 0.01 };

/** Busy-waits about `ms` milliseconds. */
function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe("measure", () => {
  it("returns one per-call time per sample, close to a call's real length", async () => {
    const perCall = await measure(() => spin(1), tiny);
    expect(perCall).toHaveLength(3);
    for (const s of perCall) {
      expect(s).toBeGreaterThanOrEqual(0.001);
      expect(s).toBeLessThan(0.5); // a 1 ms call; generous so that a busy machine cannot fail it (0.126 s was seen at load 25)
    }
  });

  it("warms up with at least two calls and samples for at least minSeconds each", async () => {
    let calls = 0;
    const start = performance.now();
    await measure(() => calls++, { warmupSeconds: 0, samples: 2, minSeconds: 0.02 });
    expect(calls).toBeGreaterThanOrEqual(4);
    expect(performance.now() - start).toBeGreaterThanOrEqual(40);
  });

  it("awaits a call that returns a promise before the next one starts", async () => {
    let running = 0;
    let overlapped = false;
    const call = async (): Promise<void> => {
      if (running > 0) overlapped = true;
      running++;
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
    };
    const perCall = await measure(call, tiny);
    expect(overlapped).toBe(false);
    expect(Math.min(...perCall)).toBeGreaterThanOrEqual(0.0009);
  });
});
