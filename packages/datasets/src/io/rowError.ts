/** An error about one row of an imported file: `line` is 1-based, `field` the column or JSON path at fault. */
export type RowError = (TypeError | RangeError) & { readonly line: number; readonly field: string };

/** Builds `fn: line N, field "f": message` as a TypeError (wrong kind) or RangeError (bad value), with `line`/`field`. */
export function rowError(kind: "type" | "range", fn: string, line: number, field: string, message: string): RowError {
  const text = `${fn}: line ${line}, field "${field}": ${message}`;
  const error = kind === "type" ? new TypeError(text) : new RangeError(text);
  return Object.assign(error, { line, field });
}
