import { afterAll, describe, it } from "vitest";
import { expectClose } from "../../../../tooling/testing";
import { Random } from "../random";
import { freeWasmArray, isWasmArray } from "./arena";
import { setBackend } from "./backend";
import { MODES, OFF, SHAPES, runOrDecline, sigma, tol, type Make } from "./recurrentKernelCases";
import { gruBackwardKernel, gruForwardKernel } from "./gruKernels";

afterAll(() => setBackend("auto"));

function random(make: Make, n: number, rng: Random, lo: number, hi: number, off = OFF): Float32Array | Float64Array {
  const a = make(off + n);
  for (let i = 0; i < a.length; i++) a[i] = lo + (hi - lo) * rng.uniform();
  return a;
}

function release(...arrays: (Float32Array | Float64Array)[]): void {
  for (const a of new Set(arrays)) if (isWasmArray(a)) freeWasmArray(a);
}

describe.each(MODES)("gruForwardKernel, %s", (_name, backend, make, runs) => {
  it.each(SHAPES)("n %i, H %i: matches a float64 loop over the definition", (n, H) => {
    setBackend(backend);
    const rng = new Random(300 * n + H);
    const gi = random(make, 3 * n * H, rng, -3, 3);
    const gh = random(make, 3 * n * H, rng, -3, 3);
    const bih = random(make, 3 * H, rng, -1, 1);
    const bhh = random(make, 3 * H, rng, -1, 1);
    const hPrev = random(make, n * H, rng, -1, 1);
    const h = make(OFF + n * H);
    const want = { gi: Array.from(gi), gh: Array.from(gh), h: new Array(n * H).fill(0) };
    for (let row = 0; row < n; row++) {
      for (let j = 0; j < H; j++) {
        const a = OFF + row * 3 * H + j;
        const r = sigma(gi[a] + gh[a] + bih[OFF + j] + bhh[OFF + j]);
        const z = sigma(gi[a + H] + gh[a + H] + bih[OFF + H + j] + bhh[OFF + H + j]);
        const hn = gh[a + 2 * H] + bhh[OFF + 2 * H + j];
        const nn = Math.tanh(gi[a + 2 * H] + bih[OFF + 2 * H + j] + r * hn);
        [want.gi[a], want.gi[a + H], want.gi[a + 2 * H], want.gh[a + 2 * H]] = [r, z, nn, hn];
        want.h[row * H + j] = (1 - z) * nn + z * hPrev[OFF + row * H + j];
      }
    }
    if (runOrDecline(runs, [gi, gh, bih, bhh, hPrev, h], () => gruForwardKernel(n, H, gi, OFF, gh, OFF, bih, OFF, bhh, OFF, hPrev, OFF, h, OFF))) {
      expectClose(gi, want.gi, tol);
      expectClose(gh, want.gh, tol);
      expectClose(h.subarray(OFF), want.h, tol);
    }
    release(gi, gh, bih, bhh, hPrev, h);
  });
});

describe.each(MODES)("gruBackwardKernel, %s", (_name, backend, make, runs) => {
  it.each(SHAPES)("n %i, H %i: matches a float64 loop over the derivatives and adds z⊙dh into dhPrev", (n, H) => {
    setBackend(backend);
    const rng = new Random(400 * n + H);
    const gates = random(make, 3 * n * H, rng, 0.05, 0.95);
    for (let r = 0; r < n; r++) for (let j = 0; j < H; j++) gates[OFF + r * 3 * H + 2 * H + j] = 2 * gates[OFF + r * 3 * H + 2 * H + j] - 1;
    const gh = random(make, 3 * n * H, rng, -3, 3);
    const hPrev = random(make, n * H, rng, -1, 1);
    const dh = random(make, n * H, rng, -1, 1);
    const dGi = random(make, 3 * n * H, rng, -9, 9);
    const dGh = random(make, 3 * n * H, rng, -9, 9);
    const dhPrev = random(make, n * H, rng, -1, 1);
    const want = { dGi: Array.from(dGi), dGh: Array.from(dGh), dhPrev: Array.from(dhPrev) };
    for (let row = 0; row < n; row++) {
      for (let j = 0; j < H; j++) {
        const a = OFF + row * 3 * H + j;
        const s = OFF + row * H + j;
        const [r, z, nn, d] = [gates[a], gates[a + H], gates[a + 2 * H], dh[s]];
        const dn = d * (1 - z) * (1 - nn * nn);
        const dz = d * (hPrev[s] - nn) * z * (1 - z);
        const dr = dn * gh[a + 2 * H] * r * (1 - r);
        [want.dGi[a], want.dGi[a + H], want.dGi[a + 2 * H]] = [dr, dz, dn];
        [want.dGh[a], want.dGh[a + H], want.dGh[a + 2 * H]] = [dr, dz, dn * r];
        want.dhPrev[s] += d * z;
      }
    }
    if (runOrDecline(runs, [gates, gh, hPrev, dh, dGi, dGh, dhPrev], () => gruBackwardKernel(n, H, gates, OFF, gh, OFF, hPrev, OFF, dh, OFF, dGi, OFF, dGh, OFF, dhPrev, OFF))) {
      expectClose(dGi, want.dGi, tol);
      expectClose(dGh, want.dGh, tol);
      expectClose(dhPrev, want.dhPrev, tol);
    }
    release(gates, gh, hPrev, dh, dGi, dGh, dhPrev);
  });
});
