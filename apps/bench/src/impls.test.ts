import { describe, expect, it } from "vitest";
import { implId, implLabel } from "./impls";

describe("implId and implLabel", () => {
  it("name Vanish by dtype and backend", () => {
    const impl = { library: "vanish", dtype: "float64", backend: "wasm" } as const;
    expect([implId(impl), implLabel(impl)]).toEqual(["vanish-float64-wasm", "Vanish float64, wasm kernels"]);
  });

  it("name tfjs by backend and form, and say which layer a cell uses", () => {
    expect(implId({ library: "tfjs", backend: "cpu", form: "layers" })).toBe("tfjs-cpu-layers");
    expect(implLabel({ library: "tfjs", backend: "cpu", form: "layers" }, "rnn_tanh")).toBe("tfjs cpu, simpleRNN + dense, trainOnBatch");
    expect(implLabel({ library: "tfjs", backend: "wasm", form: "layers" }, "lstm")).toBe("tfjs wasm, lstm (sigmoid gates) + dense, trainOnBatch");
    expect(implLabel({ library: "tfjs", backend: "wasm", form: "manual" }, "gru")).toBe("tfjs wasm, manual loop + minimize");
    expect([implId({ library: "tfjs", backend: "wasm" }), implLabel({ library: "tfjs", backend: "wasm" })]).toEqual(["tfjs-wasm", "tfjs wasm, matMul + dataSync"]);
  });

  it("say how brain.js differs", () => {
    expect(implId({ library: "brain.js" })).toBe("brain.js");
    expect(implLabel({ library: "brain.js" }, "gru")).toBe("brain.js GRUTimeStep (reset-before), batch 1, loss every step");
    expect(implLabel({ library: "brain.js" }, "rnn_tanh")).toBe("brain.js RNNTimeStep (relu), batch 1, loss every step");
  });
});
