import { gemm, getBackend, setBackend } from "@vanish/core";
import { gemmPacked, packB, packedLength, wasmArray } from "@vanish/core/kernels";

console.log("backend:", getBackend()); // "wasm" wherever WebAssembly SIMD exists, else "js"

// One RNN step's product, out = h·Wᵀ, with h [batch 32, hidden 64] and W [64, 64] (PyTorch's [out, in]).
// Arrays made once in the arena are multiplied in place by the wasm kernels.
const [batch, hidden] = [32, 64];
const h = wasmArray("float32", batch * hidden);
const W = wasmArray("float32", hidden * hidden);
for (let i = 0; i < h.length; i++) h[i] = Math.sin(i);
for (let i = 0; i < W.length; i++) W[i] = Math.cos(i) / 8;
const out = wasmArray("float32", batch * hidden);
gemm(false, true, batch, hidden, hidden, 1, h, 0, hidden, W, 0, hidden, 0, out, 0, hidden);

// The same product with Wᵀ packed once, as a time loop would reuse it at every step.
const Wp = wasmArray("float32", packedLength("float32", hidden, hidden));
packB(true, hidden, hidden, W, 0, hidden, Wp, 0);
const out2 = wasmArray("float32", batch * hidden);
gemmPacked(false, batch, hidden, hidden, 1, h, 0, hidden, Wp, 0, 0, out2, 0, hidden);
console.log("packed = unpacked:", out2.every((v, i) => v === out[i]));

// The scalar JavaScript kernels agree to float32 rounding.
setBackend("js");
const ref = new Float32Array(batch * hidden);
gemm(false, true, batch, hidden, hidden, 1, h, 0, hidden, W, 0, hidden, 0, ref, 0, hidden);
const worst = Math.max(...out.map((v, i) => Math.abs(v - ref[i])));
console.log("max |wasm − js|:", worst.toExponential(1), "out[0]:", out[0].toFixed(6));
setBackend("auto");
