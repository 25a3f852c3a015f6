// The clipping functions must allocate nothing per call (STYLE: hot paths allocate nothing). Measured with V8's
// counters in a fresh Node process per case (see allocationProbe.ts): after warm-up and a full GC, the heap growth per call
// (smallest of 8 windows of 2,500 calls, after 20,000 warm-up calls) and the number of GCs during all windows.
//
// What "nothing" can mean in JavaScript: no arrays, objects or typed arrays are created per call, and the norm
// travels through a preallocated Float64Array. Measured growth is 0 bytes per call in most runs; now and then
// V8's optimiser (its choices vary from run to run) leaves one float64 boxed as a 16-byte number, e.g. the
// returned norm when the call is not inlined. The bound below allows that single number and nothing more; the
// control, which allocates one small object per call, shows 40–56 bytes, so the test can fail.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

interface Measured {
  bytesPerCall: number;
  gcs: number;
}

const ONE_BOXED_NUMBER = 16;
const probe = fileURLToPath(new URL("./allocationProbe.ts", import.meta.url));
/** Runs one case in its own fresh Node process (see allocationProbe.ts). */
function measured(name: string): Measured {
  // --no-concurrent-recompilation: V8 optimises on the main thread when a function gets hot, instead of on a background
  // thread that a busy machine (CI runs other test files at the same time) may not schedule before the windows start;
  // unoptimised code boxes every float64 it passes (measured under load: 96 bytes per call for clipGradBlockRms).
  const flags = ["--expose-gc", "--no-concurrent-recompilation", "--import", "tsx"];
  return JSON.parse(execFileSync(process.execPath, [...flags, probe, name], { encoding: "utf8" })) as Measured;
}

describe("allocation per call", () => {
  it("is detected in a control function that allocates one small object per call", () => {
    const r = measured("control");
    expect(r.gcs > 0 || r.bytesPerCall >= 32, JSON.stringify(r)).toBe(true);
  });

  it.each(["getTotalNorm", "clipGradNorm", "clipGradNorm type=1", "clipGradNorm type=inf", "clipGradsWithNorm"])(
    "is nothing (at most one boxed float64) on the global-norm path: %s",
    (name) => {
      const r = measured(name);
      expect(r.gcs, JSON.stringify(r)).toBe(0);
      expect(r.bytesPerCall).toBeLessThanOrEqual(ONE_BOXED_NUMBER + 0.5);
    },
  );

  it.each(["clipByGlobalNorm", "clipGradValue", "clipGradNormPerTensor", "clipGradBlockRms", "adaptiveGradClip", "zeroNans"])(
    "is nothing (at most one boxed float64) for %s",
    (name) => {
      const r = measured(name);
      expect(r.gcs, JSON.stringify(r)).toBe(0);
      expect(r.bytesPerCall).toBeLessThanOrEqual(ONE_BOXED_NUMBER + 0.5);
    },
  );
});
