import { gemmJs, gemmNaive } from "../src/kernels/gemm";
import { measure } from "./measure";

export interface MatmulRow {
  dtype: "float32" | "float64";
  n: number;
  tiledGflops: number;
  naiveGflops: number;
  ratio: number;
}

/**
 * GFLOPS of core's tiled scalar JavaScript gemm (`gemmJs`, the fallback backend) against a naive triple loop,
 * measured in the same run. The WebAssembly backend is measured by `gemm-backends.ts`.
 */
export function runMatmulBench(sizes = [64, 128, 256, 512]): MatmulRow[] {
  const rows: MatmulRow[] = [];
  for (const dtype of ["float32", "float64"] as const) {
    for (const n of sizes) {
      const Arr = dtype === "float64" ? Float64Array : Float32Array;
      const A = new Arr(n * n).map((_, i) => Math.sin(i));
      const B = new Arr(n * n).map((_, i) => Math.cos(i));
      const C = new Arr(n * n);
      const flops = 2 * n * n * n;
      const tiled = measure(() => gemmJs(false, false, n, n, n, 1, A, 0, n, B, 0, n, 0, C, 0, n));
      const naive = measure(() => gemmNaive(n, n, n, A, B, C), { samples: 3, minSeconds: 0.2 });
      const row = {
        dtype,
        n,
        tiledGflops: flops / tiled.median / 1e9,
        naiveGflops: flops / naive.median / 1e9,
        ratio: naive.median / tiled.median,
      };
      rows.push(row);
      console.log(
        `matmul ${dtype} n=${String(n).padStart(3)}  tiled JS ${row.tiledGflops.toFixed(2).padStart(5)} GFLOPS` +
          `  naive ${row.naiveGflops.toFixed(2).padStart(5)} GFLOPS  ×${row.ratio.toFixed(1)}`,
      );
    }
  }
  return rows;
}
