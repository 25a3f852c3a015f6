import { afterAll, describe, it } from "vitest";
import { expectClose } from "../../../../tooling/testing";
import { Random } from "../random";
import { freeWasmArray, isWasmArray } from "./arena";
import { setBackend } from "./backend";
import { MODES, OFF, SHAPES, runOrDecline, sigma, tol, type Make } from "./recurrentKernelCases";
import { lstmBackwardKernel, lstmForwardKernel } from "./lstmKernels";

afterAll(() => setBackend("auto"));

function random(make: Make, n: number, rng: Random, lo: number, hi: number): Float32Array | Float64Array {
  const a = make(OFF + n);
  for (let i = 0; i < a.length; i++) a[i] = lo + (hi - lo) * rng.uniform();
  return a;
}

function release(...arrays: (Float32Array | Float64Array)[]): void {
  for (const a of new Set(arrays)) if (isWasmArray(a)) freeWasmArray(a);
}

describe.each(MODES)("lstmForwardKernel, %s", (_name, backend, make, runs) => {
  it.each(SHAPES)("n %i, H %i: matches a float64 loop over the definition", (n, H) => {
    setBackend(backend);
    const rng = new Random(100 * n + H);
    const gates = random(make, 4 * n * H, rng, -4, 4);
    const bias = random(make, 4 * H, rng, -1, 1);
    const cPrev = random(make, n * H, rng, -2, 2);
    const [c, tanhC, h] = [make(OFF + n * H), make(OFF + n * H), make(OFF + n * H)];
    const g0 = Array.from(gates);
    const want = { gates: g0.slice(), c: new Array(n * H).fill(0), tanhC: new Array(n * H).fill(0), h: new Array(n * H).fill(0) };
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < H; j++) {
        const at = (k: number) => OFF + r * 4 * H + k * H + j;
        const [i, f, g, o] = [0, 1, 2, 3].map((k) => (k === 2 ? Math.tanh : sigma)(g0[at(k)] + bias[OFF + k * H + j]));
        [i, f, g, o].forEach((v, k) => (want.gates[at(k)] = v));
        const ct = f * cPrev[OFF + r * H + j] + i * g;
        want.c[r * H + j] = ct;
        want.tanhC[r * H + j] = Math.tanh(ct);
        want.h[r * H + j] = o * Math.tanh(ct);
      }
    }
    if (runOrDecline(runs, [gates, bias, cPrev, c, tanhC, h], () => lstmForwardKernel(n, H, gates, OFF, bias, OFF, cPrev, OFF, c, OFF, tanhC, OFF, h, OFF))) {
      expectClose(gates, want.gates, tol);
      expectClose(c.subarray(OFF), want.c, tol);
      expectClose(tanhC.subarray(OFF), want.tanhC, tol);
      expectClose(h.subarray(OFF), want.h, tol);
    }
    release(gates, bias, cPrev, c, tanhC, h);
  });
});

describe.each(MODES)("lstmBackwardKernel, %s", (_name, backend, make, runs) => {
  it.each(SHAPES)("n %i, H %i: matches a float64 loop over the derivatives, with dcOut separate and in place", (n, H) => {
    setBackend(backend);
    for (const inPlace of [false, true]) {
      const rng = new Random(200 * n + H);
      const gates = random(make, 4 * n * H, rng, 0.05, 0.95);
      for (let r = 0; r < n; r++) for (let j = 0; j < H; j++) gates[OFF + r * 4 * H + 2 * H + j] = 2 * gates[OFF + r * 4 * H + 2 * H + j] - 1;
      const cPrev = random(make, n * H, rng, -2, 2);
      const tanhC = random(make, n * H, rng, -0.99, 0.99);
      const dh = random(make, n * H, rng, -1, 1);
      const dcIn = random(make, n * H, rng, -1, 1);
      const dcOut = inPlace ? dcIn : make(OFF + n * H);
      const dcPrev = make(OFF + n * H);
      const dG = random(make, 4 * n * H, rng, -9, 9);
      const want = { dc: new Array(n * H).fill(0), dcPrev: new Array(n * H).fill(0), dG: Array.from(dG) };
      for (let r = 0; r < n; r++) {
        for (let j = 0; j < H; j++) {
          const s = OFF + r * H + j;
          const [i, f, g, o] = [0, 1, 2, 3].map((k) => gates[OFF + r * 4 * H + k * H + j]);
          const t = tanhC[s];
          const dc = dcIn[s] + dh[s] * o * (1 - t * t);
          want.dc[r * H + j] = dc;
          want.dcPrev[r * H + j] = dc * f;
          const d = [dc * g * i * (1 - i), dc * cPrev[s] * f * (1 - f), dc * i * (1 - g * g), dh[s] * t * o * (1 - o)];
          d.forEach((v, k) => (want.dG[OFF + r * 4 * H + k * H + j] = v));
        }
      }
      const arrays = [gates, cPrev, tanhC, dh, dcIn, dcOut, dcPrev, dG];
      if (runOrDecline(runs, arrays, () => lstmBackwardKernel(n, H, gates, OFF, cPrev, OFF, tanhC, OFF, dh, OFF, dcIn, OFF, dcOut, OFF, dcPrev, OFF, dG, OFF))) {
        expectClose(dcOut.subarray(OFF), want.dc, tol);
        expectClose(dcPrev.subarray(OFF), want.dcPrev, tol);
        expectClose(dG, want.dG, tol);
      }
      release(gates, cPrev, tanhC, dh, dcIn, dcOut, dcPrev, dG);
    }
  });
});
