import type { Tfjs } from "../tfjsTrainer";

/**
 * Loads `@tensorflow/tfjs` on the cpu or wasm backend and describes what it got. Only worker processes call
 * this, so tfjs never shares a process with another implementation. `@tensorflow/tfjs-node` (libtensorflow) is
 * not among the candidates: its install downloads a binary from outside the npm registry, which fails here.
 */
export async function loadTfjs(backend: "cpu" | "wasm"): Promise<{ tf: Tfjs; notes: string[] }> {
  const tf = await import("@tensorflow/tfjs");
  const notes: string[] = [];
  if (backend === "wasm") {
    await import("@tensorflow/tfjs-backend-wasm");
    if (!(await tf.setBackend("wasm"))) throw new Error("loadTfjs: the tfjs wasm backend failed to initialise");
    const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
    const threads = await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT");
    notes.push(`tfjs wasm: SIMD ${simd ? "on" : "off"}, ${threads ? "multi-threaded" : "1 thread"}`);
  } else if (!(await tf.setBackend("cpu"))) {
    throw new Error("loadTfjs: the tfjs cpu backend failed to initialise");
  }
  await tf.ready();
  return { tf, notes };
}
