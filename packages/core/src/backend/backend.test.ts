import { afterEach, describe, expect, it, vi } from "vitest";
import { gemm } from "../kernels/gemm";
import { wasmArray } from "./arena";
import { getBackend, ready, setBackend, wasmBackend, wasmSupported } from "./backend";

/**
 * A product whose result tells which kernel ran: [1e8, 1, −1e8]·[1, 1, 1] is 1 when summed in double precision
 * (the JavaScript kernel) and 0 when summed in float32 (the wasm kernel: 1e8 + 1 rounds back to 1e8).
 */
function witness(inArena: boolean): number {
  const make = (values: number[]) => {
    const out = inArena ? wasmArray("float32", values.length) : new Float32Array(values.length);
    out.set(values);
    return out;
  };
  const C = make([NaN]);
  gemm(false, false, 1, 1, 3, 1, make([1e8, 1, -1e8]), 0, 3, make([1, 1, 1]), 0, 1, 0, C, 0, 1);
  return C[0];
}

afterEach(() => setBackend("auto"));

describe("backend selection", () => {
  it("picks wasm automatically where WebAssembly SIMD is available", () => {
    expect(wasmSupported()).toBe(true);
    expect(getBackend()).toBe("wasm");
    expect(witness(true)).toBe(0);
  });

  it("runs products too small to stage (under 512 multiply-adds) outside the arena on the JavaScript kernel", () => {
    setBackend("wasm");
    expect(witness(false)).toBe(1);
  });

  it("switches to JavaScript and back with setBackend", () => {
    setBackend("js");
    expect(getBackend()).toBe("js");
    expect(wasmBackend()).toBe(null);
    expect(witness(true)).toBe(1);
    setBackend("wasm");
    expect(getBackend()).toBe("wasm");
    expect(witness(true)).toBe(0);
  });

  it("keeps one instance and one work area across switches", () => {
    setBackend("wasm");
    const first = wasmBackend();
    setBackend("js");
    setBackend("wasm");
    expect(wasmBackend()).toBe(first);
  });

  it("resolves ready() to the backend in use", async () => {
    expect(await ready()).toBe("wasm");
    setBackend("js");
    expect(await ready()).toBe("js");
  });

  it("rejects an unknown backend name", () => {
    expect(() => setBackend("webgpu" as never)).toThrow(new TypeError('setBackend: backend must be "js", "wasm" or "auto", got "webgpu"'));
    expect(getBackend()).toBe("wasm");
  });
});

describe("fallback without WebAssembly SIMD", () => {
  // A fresh copy of the modules (their state is per module instance) under a stubbed global WebAssembly.
  async function freshCore() {
    vi.resetModules();
    return {
      ...(await import("./backend")),
      ...(await import("./arena")),
      ...(await import("../kernels/gemm")),
    };
  }

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it("uses the JavaScript kernels when WebAssembly validates no SIMD, and refuses setBackend('wasm')", async () => {
    vi.stubGlobal("WebAssembly", { ...WebAssembly, validate: () => false, Memory: WebAssembly.Memory });
    const core = await freshCore();
    expect(core.wasmSupported()).toBe(false);
    expect(core.getBackend()).toBe("js");
    expect(await core.ready()).toBe("js");
    expect(() => core.setBackend("wasm")).toThrow(
      new Error('setBackend: the "wasm" backend needs WebAssembly with SIMD, which this runtime lacks; use "js" or "auto"'),
    );
    expect(core.getBackend()).toBe("js");
    // Arena arrays still work, on the JavaScript kernel.
    const A = core.wasmArray("float64", 4);
    A.set([1, 2, 3, 4]);
    const C = core.wasmArray("float64", 4);
    core.gemm(false, false, 2, 2, 2, 1, A, 0, 2, A, 0, 2, 0, C, 0, 2);
    expect(Array.from(C)).toEqual([7, 10, 15, 22]);
  });

  it("backs the arena with a plain ArrayBuffer when there is no WebAssembly at all (node --jitless)", async () => {
    vi.stubGlobal("WebAssembly", undefined);
    const core = await freshCore();
    expect(core.wasmSupported()).toBe(false);
    expect(core.getBackend()).toBe("js");
    const A = core.wasmArray("float32", 4);
    expect(A.buffer).toBeInstanceOf(ArrayBuffer);
    expect(core.arenaMemory()).toBe(null);
    A.set([1, 2, 3, 4]);
    const C = core.wasmArray("float32", 4);
    core.gemm(false, true, 2, 2, 2, 1, A, 0, 2, A, 0, 2, 0, C, 0, 2);
    expect(Array.from(C)).toEqual([5, 11, 11, 25]);
  });

  it("where synchronous compilation is refused (a browser's main thread), stays on js until ready() compiles asynchronously", async () => {
    const refuse = new RangeError("WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 8MB.");
    vi.stubGlobal("WebAssembly", {
      validate: WebAssembly.validate,
      Memory: WebAssembly.Memory,
      Instance: WebAssembly.Instance,
      compile: WebAssembly.compile,
      instantiate: WebAssembly.instantiate,
      Module: function Module() {
        throw refuse;
      },
    });
    const core = await freshCore();
    expect(core.wasmSupported()).toBe(true);
    expect(core.getBackend()).toBe("js");
    expect(() => core.setBackend("wasm")).toThrow(
      new Error(`setBackend: the wasm kernels failed to load synchronously (${String(refuse)}); await ready() first`),
    );
    expect(core.getBackend()).toBe("js");
    expect(await core.ready()).toBe("wasm");
    core.setBackend("wasm");
    expect(core.getBackend()).toBe("wasm");
  });
});
