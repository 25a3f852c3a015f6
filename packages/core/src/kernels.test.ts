import { expect, it } from "vitest";
import * as core from "./index";
import * as kernels from "./kernels";

it("@vanish/core/kernels exports exactly the arena and the fused kernels, none of which is on the main entry", () => {
  expect(Object.keys(kernels).sort()).toMatchInlineSnapshot(`
    [
      "arenaStats",
      "columnSumsKernel",
      "configureArena",
      "freeWasmArray",
      "gemmPacked",
      "gruBackwardKernel",
      "gruForwardKernel",
      "isWasmArray",
      "lstmBackwardKernel",
      "lstmForwardKernel",
      "packB",
      "packedLength",
      "panelWidth",
      "sigmoidKernel",
      "tanhKernel",
      "wasmArray",
    ]
  `);
  for (const name of Object.keys(kernels)) expect(Object.keys(core)).not.toContain(name);
});
