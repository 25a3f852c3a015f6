// `@vanish/core/kernels`: the low-level layer a fused model (such as @vanish/rnn's fast path) builds on — core's
// WebAssembly arena, prepacked gemm, the gate activations and the fused LSTM/GRU step kernels. Everyday tensor
// code needs none of it: `gemm`, `setBackend` and the ops are on the main entry.
export { type ArenaOptions, type ArenaStats, arenaStats, configureArena, freeWasmArray, isWasmArray, wasmArray } from "./backend/arena";
export { gemmPacked, packB, packedLength, panelWidth } from "./backend/packedGemm";
export { sigmoidKernel, tanhKernel } from "./backend/activations";
export { lstmBackwardKernel, lstmForwardKernel } from "./backend/lstmKernels";
export { gruBackwardKernel, gruForwardKernel } from "./backend/gruKernels";
export { columnSumsKernel } from "./backend/columnSums";
