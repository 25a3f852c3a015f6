// Named tensor dictionaries to and from JSON, and to and from the safetensors binary layout
// (https://github.com/huggingface/safetensors: u64 little-endian header size, JSON header, raw data).
import { allocate, type DType } from "./dtype";
import { checkShape, fmt, sizeOf } from "./shape";
import { Tensor } from "./tensor/Tensor";
import { assertTensor } from "./tensor/assertions";

export type TensorDict = Record<string, Tensor>;

/** One tensor in JSON form. Non-finite values are written as the strings "NaN", "Infinity", "-Infinity". */
export interface TensorJSON {
  dtype: DType;
  shape: number[];
  data: (number | string)[];
}

function encodeNumber(v: number): number | string {
  return Number.isFinite(v) ? v : String(v);
}

function decodeNumber(v: unknown, where: string): number {
  if (typeof v === "number") return v;
  if (v === "NaN") return NaN;
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  throw new TypeError(`fromJSON: ${where} must be a number or "NaN"/"Infinity"/"-Infinity", got ${JSON.stringify(v)}`);
}

/**
 * A JSON-safe object for a tensor dictionary. Float64 values round-trip exactly: JavaScript writes the
 * shortest decimal that reads back as the same double.
 */
export function toJSON(dict: TensorDict): Record<string, TensorJSON> {
  if (!dict || typeof dict !== "object") throw new TypeError(`toJSON: dict must be an object of Tensors, got ${String(dict)}`);
  const out: Record<string, TensorJSON> = {};
  for (const [name, t] of Object.entries(dict)) {
    assertTensor("toJSON", `dict[${JSON.stringify(name)}]`, t);
    out[name] = { dtype: t.dtype, shape: [...t.shape], data: Array.from(t.toTypedArray(), encodeNumber) };
  }
  return out;
}

/** The tensor dictionary written by {@link toJSON}; every entry is validated. */
export function fromJSON(json: unknown): TensorDict {
  if (!json || typeof json !== "object" || Array.isArray(json)) {
    throw new TypeError(`fromJSON: json must be an object mapping names to {dtype, shape, data}, got ${Array.isArray(json) ? "an array" : String(json)}`);
  }
  const out: TensorDict = {};
  for (const [name, entry] of Object.entries(json as Record<string, TensorJSON>)) {
    const at = `json[${JSON.stringify(name)}]`;
    if (!entry || typeof entry !== "object") throw new TypeError(`fromJSON: ${at} must be an object {dtype, shape, data}`);
    if (entry.dtype !== "float32" && entry.dtype !== "float64") {
      throw new TypeError(`fromJSON: ${at}.dtype must be "float32" or "float64", got ${JSON.stringify(entry.dtype)}`);
    }
    const shape = checkShape("fromJSON", `${at}.shape`, entry.shape);
    if (!Array.isArray(entry.data) || entry.data.length !== sizeOf(shape)) {
      throw new RangeError(
        `fromJSON: ${at}.data must hold ${sizeOf(shape)} values for shape ${fmt(shape)}, got ${Array.isArray(entry.data) ? entry.data.length : typeof entry.data}`,
      );
    }
    const data = allocate(entry.dtype, entry.data.length);
    entry.data.forEach((v, i) => (data[i] = decodeNumber(v, `${at}.data[${i}]`)));
    out[name] = new Tensor(data, shape);
  }
  return out;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const CODE: Record<DType, string> = { float32: "F32", float64: "F64" };

/** The safetensors bytes of a dictionary (names sorted; `metadata` goes to `__metadata__`). */
export function toSafetensors(dict: TensorDict, metadata: Record<string, string> = {}): Uint8Array {
  const names = Object.keys(dict).sort();
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const name of names) {
    const t = dict[name];
    assertTensor("toSafetensors", `dict[${JSON.stringify(name)}]`, t);
    const bytes = t.size * (t.dtype === "float64" ? 8 : 4);
    header[name] = { dtype: CODE[t.dtype], shape: [...t.shape], data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let headerText = JSON.stringify(header);
  // Pad the header with spaces so the data starts 8-byte aligned (allowed by the format).
  while ((8 + new TextEncoder().encode(headerText).length) % 8 !== 0) headerText += " ";
  const headerBytes = new TextEncoder().encode(headerText);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let p = 8 + headerBytes.length;
  for (const name of names) {
    const t = dict[name];
    const values = t.toTypedArray();
    if (littleEndian) out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), p);
    else {
      for (let i = 0; i < values.length; i++) {
        if (t.dtype === "float64") view.setFloat64(p + 8 * i, values[i], true);
        else view.setFloat32(p + 4 * i, values[i], true);
      }
    }
    p += values.byteLength;
  }
  return out;
}

/** Reads safetensors bytes (F32 and F64 entries) back into a dictionary; everything is validated. */
export function fromSafetensors(bytes: Uint8Array): { tensors: TensorDict; metadata: Record<string, string> } {
  const fn = "fromSafetensors";
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`${fn}: bytes must be a Uint8Array, got ${String(bytes)}`);
  if (bytes.length < 8) throw new RangeError(`${fn}: bytes must hold at least the 8-byte header size, got ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (8 + n > bytes.length) throw new RangeError(`${fn}: header size ${n} runs past the end of the ${bytes.length}-byte buffer`);
  let header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    throw new TypeError(`${fn}: the header is not valid JSON (${(e as Error).message})`);
  }
  const metadata = (header.__metadata__ ?? {}) as unknown as Record<string, string>;
  delete header.__metadata__;
  const base = 8 + n;
  const tensors: TensorDict = {};
  for (const [name, e] of Object.entries(header)) {
    const dtype: DType | undefined = e.dtype === "F32" ? "float32" : e.dtype === "F64" ? "float64" : undefined;
    if (!dtype) throw new TypeError(`${fn}: tensor ${JSON.stringify(name)} has dtype ${JSON.stringify(e.dtype)}; only "F32" and "F64" are supported`);
    const shape = checkShape(fn, `${name}.shape`, e.shape);
    const width = dtype === "float64" ? 8 : 4;
    const [start, end] = e.data_offsets ?? [];
    if (!Number.isInteger(start) || !Number.isInteger(end) || end - start !== sizeOf(shape) * width || base + end > bytes.length) {
      throw new RangeError(`${fn}: tensor ${JSON.stringify(name)} has data_offsets ${JSON.stringify(e.data_offsets)} that do not fit shape ${fmt(shape)} in the buffer`);
    }
    const data = allocate(dtype, sizeOf(shape));
    for (let i = 0; i < data.length; i++) {
      data[i] = dtype === "float64" ? view.getFloat64(base + start + 8 * i, true) : view.getFloat32(base + start + 4 * i, true);
    }
    tensors[name] = new Tensor(data, shape);
  }
  return { tensors, metadata };
}
