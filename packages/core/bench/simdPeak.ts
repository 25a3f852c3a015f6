// The machine's ceiling for 128-bit WebAssembly SIMD float32 arithmetic, for reading the GEMM numbers: twelve
// independent multiply-then-add chains (c = c·a + b, enough to cover the latency of both operations) and nothing
// else, compiled on the spot by AssemblyScript (a dev dependency) in a child process: compiled in this process,
// asc's own multi-megabyte binaryen module would keep V8's optimizing compiler busy, and the probe would be timed
// on V8's baseline compiler. A GEMM cannot beat this probe; how close it comes says how much is left in the
// kernel rather than in the machine.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SOURCE = `
export function peak(n: i32, s: f32): f32 {
  const a = f32x4.splat(s), b = f32x4.splat(s * 0.5);
  let c0 = a, c1 = b, c2 = a, c3 = b, c4 = a, c5 = b, c6 = a, c7 = b, c8 = a, c9 = b, c10 = a, c11 = b;
  for (let i = 0; i < n; i++) {
    c0 = f32x4.add(f32x4.mul(c0, a), b); c1 = f32x4.add(f32x4.mul(c1, a), b);
    c2 = f32x4.add(f32x4.mul(c2, a), b); c3 = f32x4.add(f32x4.mul(c3, a), b);
    c4 = f32x4.add(f32x4.mul(c4, a), b); c5 = f32x4.add(f32x4.mul(c5, a), b);
    c6 = f32x4.add(f32x4.mul(c6, a), b); c7 = f32x4.add(f32x4.mul(c7, a), b);
    c8 = f32x4.add(f32x4.mul(c8, a), b); c9 = f32x4.add(f32x4.mul(c9, a), b);
    c10 = f32x4.add(f32x4.mul(c10, a), b); c11 = f32x4.add(f32x4.mul(c11, a), b);
  }
  const s1 = f32x4.add(f32x4.add(f32x4.add(c0, c1), f32x4.add(c2, c3)), f32x4.add(f32x4.add(c4, c5), f32x4.add(c6, c7)));
  return f32x4.extract_lane(f32x4.add(s1, f32x4.add(f32x4.add(c8, c9), f32x4.add(c10, c11))), 0);
}
`;

/** Median float32 GFLOPS of the probe over `samples` runs, by wall clock and per CPU-second. */
export function simdPeak(samples = 5): { wall: number; cpu: number } {
  const dir = mkdtempSync(join(tmpdir(), "vanish-simd-peak-"));
  let binary: Buffer;
  try {
    writeFileSync(join(dir, "peak.ts"), SOURCE);
    const asc = createRequire(import.meta.url).resolve("assemblyscript/bin/asc.js");
    const flags = ["-O3", "--noAssert", "--runtime", "stub", "--enable", "simd", "--outFile", join(dir, "peak.wasm")];
    execFileSync(process.execPath, [asc, join(dir, "peak.ts"), ...flags], { stdio: "pipe" });
    binary = readFileSync(join(dir, "peak.wasm"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const module = new WebAssembly.Module(new Uint8Array(binary));
  const { peak } = new WebAssembly.Instance(module, { env: { abort() {} } }).exports as { peak(n: number, s: number): number };
  const n = 5_000_000;
  const flops = n * 12 * 8; // 12 chains × 4 lanes × (multiply + add)
  // Short calls first: V8 runs a wasm function on its baseline compiler (Liftoff) until it has been hot for a
  // while, and a call in progress is never switched to the optimized code.
  const warm = performance.now();
  while (performance.now() - warm < 300) peak(10_000, 0.5);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let s = 0; s < samples; s++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    peak(n, 0.5);
    const used = process.cpuUsage(c0);
    wall.push(flops / ((performance.now() - t0) / 1000) / 1e9);
    cpu.push(flops / ((used.user + used.system) / 1e6) / 1e9);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: median(wall), cpu: median(cpu) };
}
