export { describeValue as describe } from "@vanish/core";

/** `[2,3]` style text for shapes in error messages. */
export function fmt(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}
