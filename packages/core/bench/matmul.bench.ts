import { gemm, gemmNaive } from "../src/kernels/gemm";

function gflops(fn: () => void, flops: number, minMs = 300): number {
  fn();
  const times: number[] = [];
  for (let s = 0; s < 5; s++) {
    let reps = 0;
    const t0 = performance.now();
    let t1 = t0;
    do {
      fn();
      reps++;
      t1 = performance.now();
    } while (t1 - t0 < minMs / 5);
    times.push((t1 - t0) / reps);
  }
  times.sort((a, b) => a - b);
  return flops / (times[2] * 1e6);
}
for (const Arr of (process.env.DT === "64" ? [Float64Array] : process.env.DT === "32" ? [Float32Array] : [Float32Array, Float64Array])) {
  for (const n of [64, 128, 256, 512]) {
    const A = new Arr(n * n).map((_, i) => Math.sin(i));
    const B = new Arr(n * n).map((_, i) => Math.cos(i));
    const C = new Arr(n * n);
    const f = 2 * n * n * n;
    const tiled = gflops(() => gemm(false, false, n, n, n, 1, A, 0, n, B, 0, n, 0, C, 0, n), f);
    const nt = gflops(() => gemm(false, true, n, n, n, 1, A, 0, n, B, 0, n, 0, C, 0, n), f);
    const tn = gflops(() => gemm(true, false, n, n, n, 1, A, 0, n, B, 0, n, 0, C, 0, n), f);
    const naive = n <= 256 ? gflops(() => gemmNaive(n, n, n, A, B, C), f) : NaN;
    console.log(Arr.name, n, "NN", tiled.toFixed(2), "NT", nt.toFixed(2), "TN", tn.toFixed(2), "naive", naive.toFixed(2));
  }
}
