// `pnpm bench` for @vanish/core: matmul GFLOPS (tiled kernel vs a naive loop in the same run).
import { cpus } from "node:os";
import { runMatmulBench } from "./matmul";

console.log(`@vanish/core benchmarks — ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}, one thread`);
runMatmulBench();
