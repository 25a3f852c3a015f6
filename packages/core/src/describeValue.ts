/**
 * A short description of any value for an error message's "got …": `null`, `undefined`, `3`, `the string "x"`,
 * `an array of length 3`, `Float32Array(4)`, `a function`, `a Tensor`, `an object`. Never throws. Every Vanish
 * package that validates its inputs names received values with it (viz, which imports no Vanish package, keeps
 * its own).
 */
export function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as unknown as ArrayLike<number>).length})`;
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (typeof v === "function") return "a function";
  if (typeof v === "symbol") return v.toString();
  const name = (v as object).constructor?.name;
  return name && name !== "Object" ? `a ${name}` : "an object";
}
