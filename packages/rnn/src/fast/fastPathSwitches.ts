/**
 * Private switches of the fused path's float32 wasm kernels (not exported by the package): benchmarks turn them
 * off to measure the previous path on the same machine state, and tests to compare both paths. Both settings
 * compute the same function; only the kernels that run differ.
 */
export const fastPathSwitches = {
  /** Pack W_hh once per backward call for the per-step products dG_t W_hh (wasm backend). */
  packedBackward: true,
  /**
   * Compute each step's input projection x_t W_ihᵀ just before its recurrent product (W_ihᵀ packed once per
   * call) instead of all steps' in one product first, so that the step's gate rows are still in cache when the
   * recurrent product adds into them (wasm backend). The same arithmetic in the same order.
   */
  stepInputProjection: true,
  /** Run the float32 LSTM/GRU pointwise steps and the bias column sums on core's fused wasm kernels. */
  gateKernels: true,
};
