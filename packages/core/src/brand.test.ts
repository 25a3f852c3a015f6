import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadForeignCore, removeForeignCores } from "../../../tooling/foreignCore";
import pkg from "../package.json";
import { compatible, coreCopy, isTensor } from "./brand";
import * as core from "./index";
import { assertTensor } from "./tensor/assertions";

type Core = typeof core;

async function foreignCopy(version: string): Promise<Core> {
  const { core: copy, file } = await loadForeignCore(version);
  files.set(version, pathToFileURL(file).href);
  return copy;
}
const files = new Map<string, string>();

const [major, minor, patch] = pkg.version.split(".").map(Number);
const nextPatch = `${major}.${minor}.${patch + 1}`;
const nextMinor = `${major}.${minor + 1}.0`;
let same: Core;
let patchApart: Core;
let minorApart: Core;

beforeAll(async () => {
  same = await foreignCopy(pkg.version);
  patchApart = await foreignCopy(nextPatch);
  minorApart = await foreignCopy(nextMinor);
}, 60_000);
afterAll(removeForeignCores);

describe("isTensor", () => {
  it("is true for this copy's tensors and false for anything else", () => {
    expect(isTensor(core.tensor([1, 2]))).toBe(true);
    expect(isTensor(core.zeros([2, 3], { dtype: "float64" }))).toBe(true);
    for (const x of [null, undefined, 3, "t", [1, 2], new Float32Array(2), { data: new Float32Array(2), shape: [2] }]) {
      expect(isTensor(x)).toBe(false);
    }
  });

  it("knows this copy's version (from package.json) and where it was loaded from", () => {
    expect(coreCopy).toEqual({ version: pkg.version, format: 1, location: new URL("./coreCopy.ts", import.meta.url).href });
    expect(Object.isFrozen(coreCopy)).toBe(true);
  });

  it("accepts tensors of the CJS build of the same version (the dual package hazard)", () => {
    const a = same.tensor([1, 2, 3]);
    expect(a instanceof core.Tensor).toBe(false);
    expect(isTensor(a)).toBe(true);
    expect(same.coreCopy.location).toBe(files.get(pkg.version));
    expect(Array.from(core.add(a, core.tensor([10, 20, 30])).data)).toEqual([11, 22, 33]);
  });

  it("runs autodiff and optimisers over a graph that mixes two compatible copies (one patch apart)", () => {
    const rng = new core.Random(1);
    const w = patchApart.randn([3, 2], rng, { dtype: "float64" });
    w.requiresGrad = true;
    const x = core.tensor([[1, -2, 0.5]], { dtype: "float64" });
    const loss = core.sum(patchApart.tanh(core.matmul(x, w)));
    core.backward(loss);
    // d/dw sum(tanh(x·w)) = xᵀ · (1 − tanh²(x·w))
    const y = core.noGrad(() => core.tanh(core.matmul(x, w))).data;
    const expected = [0, 1, 2].flatMap((i) => [0, 1].map((j) => x.data[i] * (1 - y[j] ** 2)));
    expect(Array.from(w.grad!.data)).toEqual(expected.map((v) => expect.closeTo(v, 12)));
    const before = Array.from(w.data);
    new core.SGD([w], { lr: 0.5 }).step();
    expect(Array.from(w.data)).toEqual(before.map((v, k) => expect.closeTo(v - 0.5 * expected[k], 12)));
    expect(() => assertTensor("f", "t", w)).not.toThrow();
  });

  it("names both copies when tensors of incompatible copies meet (one minor version apart in 0.x)", () => {
    const foreign = minorApart.tensor([1, 2]);
    const other = `${nextMinor} at ${files.get(nextMinor)}`;
    const here = `${pkg.version} at ${coreCopy.location}`;
    const tail = `is a Tensor from another copy of @vanish/core that cannot share tensors with this one: two copies of @vanish/core are loaded: ${other}, ${here}; install a single version (\`npm ls @vanish/core\` shows where each comes from)`;
    expect(() => core.add(foreign, core.tensor([1, 2]))).toThrow(new TypeError(`add: a ${tail}`));
    expect(() => core.mul(core.tensor([1, 2]), foreign)).toThrow(new TypeError(`mul: b ${tail}`));
    expect(() => assertTensor("clipGradNorm", "grads[0]", foreign)).toThrow(new TypeError(`clipGradNorm: grads[0] ${tail}`));
    expect(() => isTensor(foreign)).toThrow(new TypeError(`isTensor: x ${tail}`));
    expect(() => isTensor(foreign, "clipGradNorm", "grads", 3)).toThrow(new TypeError(`clipGradNorm: grads[3] ${tail}`));
    // And the other way round: the foreign copy names this one.
    expect(() => minorApart.add(core.tensor([1, 2]), foreign)).toThrow(
      `add: a is a Tensor from another copy of @vanish/core that cannot share tensors with this one: two copies of @vanish/core are loaded: ${here}, ${other}`,
    );
  });
});

describe("compatible", () => {
  const copy = (version: string, format = 1) => ({ version, format, location: "" });
  it("follows semver's caret ranges, and requires equal tensor formats", () => {
    expect(compatible(copy("0.1.0"), copy("0.1.7"))).toBe(true);
    expect(compatible(copy("0.1.0"), copy("0.2.0"))).toBe(false);
    expect(compatible(copy("1.2.0"), copy("1.9.3"))).toBe(true);
    expect(compatible(copy("1.2.0"), copy("2.0.0"))).toBe(false);
    expect(compatible(copy("0.1.0", 1), copy("0.1.1", 2))).toBe(false);
  });
});
