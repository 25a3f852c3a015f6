// `pnpm bench` for @vanish/core: matmul GFLOPS of the scalar JS kernel vs a naive loop in the same run, then the
// JS and WebAssembly SIMD backends side by side.
import { cpus } from "node:os";
import { runGemmBackendBench } from "./gemm-backends";
import { runMatmulBench } from "./matmul";
import { simdPeak } from "./simdPeak";

console.log(`@vanish/core benchmarks — ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}, one thread`);
runMatmulBench();
const peak = simdPeak();
console.log(`SIMD float32 ceiling of this machine now (bench/simdPeak.ts): ${peak.wall.toFixed(1)} GFLOPS`);
runGemmBackendBench();
