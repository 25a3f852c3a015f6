import { Tensor } from "@vanish/core";
import { afterAll, describe, expect, it } from "vitest";
import { loadForeignCore, removeForeignCores } from "../../../tooling/foreignCore";
import { adaptiveGradClip, clipGradNorm } from "../src/index";
import corePkg from "../../core/package.json";
import { expectClose } from "./helpers";

// Gradients made by another copy of @vanish/core: the CJS build next to the ESM one, or another version installed
// under an app. `instanceof Tensor` fails for them; clipping must recognise them by core's brand.
const [major, minor, patch] = corePkg.version.split(".").map(Number);
afterAll(removeForeignCores);

describe("gradients from another copy of @vanish/core", () => {
  it("are clipped when that copy is compatible (one patch version apart)", async () => {
    const { core: other } = await loadForeignCore(`${major}.${minor}.${patch + 1}`);
    const grads = [other.tensor([3, 4], { dtype: "float64" }), other.tensor([[0, 12]], { dtype: "float64" })];
    expect(grads[0] instanceof Tensor).toBe(false);
    expect(clipGradNorm(grads, 6.5)).toBe(13);
    // scaled by 6.5 / (13 + 1e-6), PyTorch's epsilon
    expectClose(grads[0].data, [1.5, 2], { rtol: 1e-6 });
    expectClose(grads[1].data, [0, 6], { rtol: 1e-6 });
    const params = [other.tensor([1, 1], { dtype: "float64" })];
    const g = [other.tensor([3, 4], { dtype: "float64" })];
    // one unit: ‖G‖ = 5 is bounded by 0.5·‖W‖ = 0.5·√2
    expect(adaptiveGradClip(g, params, { clipping: 0.5 })).toBe(1);
    expectClose(Math.hypot(...g[0].data), 0.5 * Math.SQRT2, { rtol: 1e-6 });
  });

  it("name both copies when that copy is incompatible (one minor version apart in 0.x)", async () => {
    const version = `${major}.${minor + 1}.0`;
    const { core: other } = await loadForeignCore(version);
    const grads = [other.tensor([3, 4])];
    expect(() => clipGradNorm([null, ...grads], 1)).toThrow(
      `clipGradNorm: grads[1] is a Tensor from another copy of @vanish/core that cannot share tensors with this one: two copies of @vanish/core are loaded: ${version} at ${other.coreCopy.location}, ${corePkg.version} at `,
    );
  });
});
