/** A short description of any value for error messages ("the string \"x\"", "an array of length 3", "Float32Array(4)"). */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as unknown as ArrayLike<number>).length})`;
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (typeof v === "function") return "a function";
  const name = (v as object).constructor?.name;
  return name && name !== "Object" ? `a ${name}` : "an object";
}

/** `[2,3]` style text for shapes in error messages. */
export function fmt(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}
