import { ARENA_LOW_BYTES, arenaMemory, onArenaReplaced, reserveBlock } from "./arena";
import { compileKernels, compileKernelsAsync, type KernelExports, simdSupported } from "./wasmKernels";

/** The kernel backends: scalar JavaScript, or the WebAssembly SIMD module built from assembly/*.ts. */
export type Backend = "js" | "wasm";

/** A loaded wasm backend: the kernels, the buffer they work in, and their work area in it. */
export interface WasmBackend {
  readonly kernels: KernelExports;
  readonly buffer: ArrayBuffer;
  /** Byte offset of the kernels' work area (packing panels, edge tiles). */
  readonly work: number;
}

/** What {@link setBackend} asked for; "auto" until it is called. */
let requested: Backend | "auto" = "auto";
/** The wasm backend in use, null for JavaScript, undefined until first needed (loading is lazy). */
let active: WasmBackend | null | undefined;
/** The kernels instantiated in the arena's current memory, kept when switching to "js" and back. */
let loaded: WasmBackend | null = null;

onArenaReplaced(() => {
  // The kernels were bound to the old memory: bind them again on next use.
  loaded = null;
  active = undefined;
});

/** Whether this runtime can run the wasm backend (WebAssembly with 128-bit SIMD). */
export function wasmSupported(): boolean {
  return simdSupported();
}

/**
 * The backend that kernels such as `gemm` use now. Unless {@link setBackend} chose one, it is "wasm" where
 * {@link wasmSupported} and the module compiles synchronously, else "js".
 */
export function getBackend(): Backend {
  return wasmBackend() === null ? "js" : "wasm";
}

/**
 * Chooses the kernel backend: "wasm", "js", or "auto" (the default: wasm where supported). Choosing "wasm"
 * compiles the module now and throws (keeping the previous choice) if the runtime cannot run it. On wasm,
 * products whose arrays live in the arena (`wasmArray`) run in place, other float arrays are staged through it
 * when that pays, and the rest runs on the JavaScript kernels (docs/BACKENDS.md, "What runs where").
 */
export function setBackend(backend: Backend | "auto"): void {
  const fn = "setBackend";
  if (backend !== "js" && backend !== "wasm" && backend !== "auto") {
    throw new TypeError(`${fn}: backend must be "js", "wasm" or "auto", got ${JSON.stringify(backend)}`);
  }
  if (backend === "wasm" && !simdSupported()) {
    throw new Error(`${fn}: the "wasm" backend needs WebAssembly with SIMD, which this runtime lacks; use "js" or "auto"`);
  }
  const previous = requested;
  requested = backend;
  active = undefined;
  try {
    if (backend !== "auto") resolve();
  } catch (error) {
    requested = previous;
    active = undefined;
    throw error;
  }
}

/**
 * Resolves once the chosen backend is loaded, compiling the module asynchronously. Never needed in Node or in
 * workers (the module compiles synchronously on first use); on a browser's main thread, where synchronous
 * compilation may be refused, `await ready()` before the first product to get the wasm backend.
 */
export async function ready(): Promise<Backend> {
  if (requested !== "js" && !active && simdSupported()) {
    try {
      const module = await compileKernelsAsync();
      const memory = arenaMemory();
      if (memory === null) throw new Error("ready: no WebAssembly.Memory");
      if (loaded === null) {
        const instance = await WebAssembly.instantiate(module, { env: { memory } });
        loaded = bind(instance.exports as unknown as KernelExports, memory);
      }
      active = loaded;
    } catch (error) {
      if (requested === "wasm") throw error;
      active = null;
    }
  }
  return getBackend();
}

/** The wasm backend when it is the one in use, else null. The hot-path check of every dispatching kernel. */
export function wasmBackend(): WasmBackend | null {
  return active !== undefined ? active : resolve();
}

function resolve(): WasmBackend | null {
  active = null;
  if (requested === "js" || !simdSupported()) return null;
  try {
    const memory = arenaMemory();
    if (memory === null) return null;
    loaded ??= bind(new WebAssembly.Instance(compileKernels(), { env: { memory } }).exports as unknown as KernelExports, memory);
    active = loaded;
  } catch (error) {
    if (requested === "wasm") {
      throw new Error(`setBackend: the wasm kernels failed to load synchronously (${String(error)}); await ready() first`);
    }
  }
  return active;
}

function bind(kernels: KernelExports, memory: WebAssembly.Memory): WasmBackend {
  if (kernels.heapBase() > ARENA_LOW_BYTES) {
    // The arena leaves its first bytes to the module; static data beyond them would be overwritten.
    throw new Error(`wasm kernels: static data ends at ${kernels.heapBase()}, past the ${ARENA_LOW_BYTES} bytes the arena leaves free`);
  }
  const work = reserveBlock(kernels.workBytes());
  if (work < 0) throw new RangeError("wasm kernels: the arena has no room for the kernels' work area");
  return { kernels, buffer: memory.buffer, work };
}
