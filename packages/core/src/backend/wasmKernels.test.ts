import { describe, expect, it } from "vitest";
import { sourceDigest } from "../../scripts/wasmSources";
import { KERNELS_SOURCE_DIGEST } from "./kernelsWasm.generated";
import { compileKernels, compileKernelsAsync, kernelBytes, simdSupported } from "./wasmKernels";

describe("the generated kernel module", () => {
  it("was built from the current assembly/*.ts, compiler version and flags (else: pnpm build, and commit it)", () => {
    expect(KERNELS_SOURCE_DIGEST).toBe(sourceDigest());
  });

  it("decodes to a WebAssembly binary that imports only env.memory and exports the kernels", () => {
    const bytes = kernelBytes();
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    const module = compileKernels();
    expect(WebAssembly.Module.imports(module)).toEqual([{ module: "env", name: "memory", kind: "memory" }]);
    expect(WebAssembly.Module.exports(module).map((e) => e.name).sort()).toEqual([
      "columnSumsF32",
      "gemmF32",
      "gemmF64",
      "gemmPackedF32",
      "gemmPackedF64",
      "gruBackwardF32",
      "gruForwardF32",
      "heapBase",
      "lstmBackwardF32",
      "lstmForwardF32",
      "memory",
      "packBF32",
      "packBF64",
      "sigmoidF32",
      "tanhF32",
      "workBytes",
    ]);
  });

  it("compiles once: the synchronous and asynchronous paths share the module", async () => {
    expect(await compileKernelsAsync()).toBe(compileKernels());
  });
});

describe("simdSupported", () => {
  it("is true on Node 20 (SIMD has been on by default since Node 16.4)", () => {
    expect(simdSupported()).toBe(true);
  });
});
