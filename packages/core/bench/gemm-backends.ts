// GEMM GFLOPS on the JavaScript and wasm backends, float32 and float64, square sizes and one RNN step's shapes.
// Run alone with `tsx bench/gemm-backends.ts`; bench/index.ts calls runGemmBackendBench().
import { fileURLToPath } from "node:url";
import { freeWasmArray, wasmArray } from "../src/backend/arena";
import { type Backend, getBackend, setBackend } from "../src/backend/backend";
import { gemmPacked, packB, packedLength } from "../src/backend/packedGemm";
import type { DType, TypedArray } from "../src/dtype";
import { gemm } from "../src/kernels/gemm";
import { measure } from "./measure";
import { simdPeak } from "./simdPeak";

/** How op(A)·op(B) is formed: NN, NT, TN, or NT with B packed once beforehand (an RNN's weights). */
export type GemmMode = "NN" | "NT" | "TN" | "NT packed";

export interface GemmBackendRow {
  dtype: DType;
  /** M·K·N: C is M×N, the inner dimension K. */
  shape: string;
  M: number;
  K: number;
  N: number;
  mode: GemmMode;
  /** GFLOPS by wall-clock time (what a user sees on this machine now). */
  jsGflops: number;
  wasmGflops: number;
  /** wasm over JavaScript, wall-clock. */
  speedup: number;
  /**
   * GFLOPS per second of CPU time given to the process (`process.cpuUsage`): on a machine shared with other
   * work, this leaves out the time the process waited for a core.
   */
  jsCpuGflops: number;
  wasmCpuGflops: number;
}

export interface GemmBackendBenchOptions {
  /** [M, K, N] triples. Default: n = 64, 128, 256, 512 and the RNN step shapes 32·64·64 and 32·128·128. */
  shapes?: [number, number, number][];
  dtypes?: DType[];
  modes?: GemmMode[];
  /** Timed samples per measurement and their minimum length (see bench/measure.ts). */
  samples?: number;
  minSeconds?: number;
}

const DEFAULT_SHAPES: [number, number, number][] = [
  [64, 64, 64],
  [128, 128, 128],
  [256, 256, 256],
  [512, 512, 512],
  [32, 64, 64],
  [32, 128, 128],
];

/**
 * Measures every (dtype, shape, mode) on both backends with the same arena arrays (only the backend differs),
 * prints one table, and returns the rows. C = A·B overwrites (beta = 0); a multiply-add counts as 2 flops.
 */
export function runGemmBackendBench(options: GemmBackendBenchOptions = {}): GemmBackendRow[] {
  const { shapes = DEFAULT_SHAPES, dtypes = ["float32", "float64"], modes = ["NN", "NT", "TN", "NT packed"], samples = 3, minSeconds = 0.1 } = options;
  const previous = getBackend();
  const rows: GemmBackendRow[] = [];
  console.log("gemm GFLOPS, JavaScript vs wasm SIMD backend (one thread; M·K·N, C is M×N; wall clock, then per CPU-second)");
  console.log(
    `${"dtype".padEnd(8)} ${"M·K·N".padEnd(12)} ${"mode".padEnd(10)} ${"js".padStart(6)} ${"wasm".padStart(6)} ${"×".padStart(6)}   ${"js cpu".padStart(6)} ${"wasm cpu".padStart(6)}`,
  );
  for (const dtype of dtypes) {
    for (const [M, K, N] of shapes) {
      const A = filled(dtype, M * K, 1);
      const B = filled(dtype, K * N, 2);
      const C = wasmArray(dtype, M * N);
      const Bp = wasmArray(dtype, packedLength(dtype, K, N));
      const flops = 2 * M * N * K;
      for (const mode of modes) {
        // Square-ish operands are reused for every mode: op(A) is M×K and op(B) K×N in each case.
        const run = (): void => {
          if (mode === "NN") gemm(false, false, M, N, K, 1, A, 0, K, B, 0, N, 0, C, 0, N);
          else if (mode === "NT") gemm(false, true, M, N, K, 1, A, 0, K, B, 0, K, 0, C, 0, N);
          else if (mode === "TN") gemm(true, false, M, N, K, 1, A, 0, M, B, 0, N, 0, C, 0, N);
          else gemmPacked(false, M, N, K, 1, A, 0, K, Bp, 0, 0, C, 0, N);
        };
        const gflops = (backend: Backend): { wall: number; cpu: number } => {
          setBackend(backend);
          if (mode === "NT packed") packB(true, K, N, B, 0, K, Bp, 0);
          const t = measure(run, { samples, minSeconds });
          return { wall: flops / t.median / 1e9, cpu: flops / t.cpu / 1e9 };
        };
        const js = gflops("js");
        const wasm = gflops("wasm");
        const row: GemmBackendRow = {
          dtype,
          shape: `${M}·${K}·${N}`,
          M,
          K,
          N,
          mode,
          jsGflops: js.wall,
          wasmGflops: wasm.wall,
          speedup: wasm.wall / js.wall,
          jsCpuGflops: js.cpu,
          wasmCpuGflops: wasm.cpu,
        };
        rows.push(row);
        const f = (v: number) => v.toFixed(1).padStart(6);
        console.log(
          `${dtype.padEnd(8)} ${row.shape.padEnd(12)} ${mode.padEnd(10)} ${f(js.wall)} ${f(wasm.wall)} ${f(row.speedup)}   ${f(js.cpu)} ${f(wasm.cpu)}`,
        );
      }
      for (const X of [A, B, C, Bp]) freeWasmArray(X);
    }
  }
  setBackend(previous);
  return rows;
}

/** The rows as a Markdown table (docs/BACKENDS.md quotes it): one line per shape, NN/NT/TN/packed side by side. */
export function gemmBackendMarkdown(rows: GemmBackendRow[]): string {
  const modes = [...new Set(rows.map((r) => r.mode))];
  const head = `| dtype | M·K·N | ${modes.map((m) => `${m}: js / wasm (per CPU-s)`).join(" | ")} |`;
  const lines = [head, `|---|---|${modes.map(() => "---|").join("")}`];
  const keys = [...new Set(rows.map((r) => `${r.dtype} ${r.shape}`))];
  for (const key of keys) {
    const [dtype, shape] = key.split(" ");
    const cells = modes.map((mode) => {
      const r = rows.find((x) => x.dtype === dtype && x.shape === shape && x.mode === mode);
      return r ? `${r.jsGflops.toFixed(1)} / **${r.wasmGflops.toFixed(1)}** (${r.jsCpuGflops.toFixed(1)} / ${r.wasmCpuGflops.toFixed(1)})` : "";
    });
    lines.push(`| ${dtype} | ${shape} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

function filled(dtype: DType, n: number, seed: number): TypedArray {
  const X = wasmArray(dtype, n);
  for (let i = 0; i < n; i++) X[i] = Math.sin(seed * 1000 + i * 1.37);
  return X;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const peak = simdPeak();
  console.log(`SIMD float32 ceiling of this machine now (bench/simdPeak.ts): ${peak.wall.toFixed(1)} GFLOPS wall, ${peak.cpu.toFixed(1)} per CPU-second`);
  const rows = runGemmBackendBench();
  if (process.argv.includes("--markdown")) console.log(`\n${gemmBackendMarkdown(rows)}`);
}
