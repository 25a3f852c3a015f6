import { describe, expect, it } from "vitest";
import { Random } from "./random";
import { fromJSON, fromSafetensors, toJSON, toSafetensors } from "./serialize";
import { randn, tensor } from "./tensor/factories";

describe("serialisation", () => {
  const dict = () => ({
    "rnn.weight_hh_l0": randn([3, 3], new Random(1), { dtype: "float64" }),
    "head.bias": tensor([NaN, Infinity, -Infinity, 0.1], { dtype: "float64" }),
    small: randn([2], new Random(2)),
  });

  it("round-trips through JSON bit-exactly, including non-finite values and float32", () => {
    const d = dict();
    const back = fromJSON(JSON.parse(JSON.stringify(toJSON(d))));
    for (const [k, t] of Object.entries(d)) {
      expect(back[k].dtype).toBe(t.dtype);
      expect(back[k].shape).toEqual(t.shape);
      expect(Array.from(back[k].data)).toEqual(Array.from(t.data));
    }
    expect(toJSON({ b: tensor([NaN]) }).b.data).toEqual(["NaN"]);
  });

  it("round-trips through safetensors bytes with metadata, with 8-byte aligned data", () => {
    const d = dict();
    const bytes = toSafetensors(d, { format: "vanish" });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + headerLength) % 8).toBe(0);
    const { tensors, metadata } = fromSafetensors(bytes);
    expect(metadata).toEqual({ format: "vanish" });
    for (const [k, t] of Object.entries(d)) expect(Array.from(tensors[k].data)).toEqual(Array.from(t.data));
  });

  it("rejects malformed input and says where", () => {
    expect(() => fromJSON([])).toThrow("fromJSON: json must be an object mapping names to {dtype, shape, data}, got an array");
    expect(() => fromJSON({ w: { dtype: "int8", shape: [1], data: [1] } })).toThrow('fromJSON: json["w"].dtype must be "float32" or "float64", got "int8"');
    expect(() => fromJSON({ w: { dtype: "float32", shape: [2, 2], data: [1, 2, 3] } })).toThrow(
      'fromJSON: json["w"].data must hold 4 values for shape [2,2], got 3',
    );
    expect(() => fromJSON({ w: { dtype: "float32", shape: [1], data: ["x"] } })).toThrow(
      'fromJSON: json["w"].data[0] must be a number or "NaN"/"Infinity"/"-Infinity", got "x"',
    );
    expect(() => fromSafetensors(new Uint8Array(4))).toThrow("fromSafetensors: bytes must hold at least the 8-byte header size, got 4 bytes");
    const bytes = toSafetensors({ w: tensor([1, 2]) });
    expect(() => fromSafetensors(bytes.subarray(0, bytes.length - 4))).toThrow(
      'fromSafetensors: tensor "w" has data_offsets [0,8] that do not fit shape [2] in the buffer',
    );
  });
});
