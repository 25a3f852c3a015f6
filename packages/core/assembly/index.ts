// The entry point of the kernel module: every export of these files becomes an export of the .wasm.
export * from "./gemm";
export * from "./activations";
export * from "./recurrent";
