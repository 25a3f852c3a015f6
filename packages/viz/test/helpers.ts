// Small helpers shared by the tests.
import { expect } from "vitest";

/** Asserts that `fn` throws an instance of `kind` with exactly `message`. */
export function expectError(fn: () => unknown, kind: new (...args: never[]) => Error, message: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${kind.name}: ${message}`).toBeInstanceOf(kind);
  expect((thrown as Error).message).toBe(message);
}

/** Like {@link expectError} for a promise. */
export async function expectRejection(promise: Promise<unknown>, kind: new (...args: never[]) => Error, message: string): Promise<void> {
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${kind.name}: ${message}`).toBeInstanceOf(kind);
  expect((thrown as Error).message).toBe(message);
}

/** Any spec-like object. */
type Node = Record<string, any>;

/** Every unit spec (one with a `mark`) inside `spec`, depth first, through `layer` and `vconcat`. */
export function units(spec: unknown): Node[] {
  const out: Node[] = [];
  const visit = (node: Node) => {
    if (node.mark !== undefined) out.push(node);
    for (const key of ["layer", "vconcat", "hconcat"]) {
      if (Array.isArray(node[key])) for (const child of node[key]) visit(child);
    }
  };
  visit(spec as Node);
  return out;
}

/** The mark type of a unit spec. */
export function markType(unit: Node): string {
  return typeof unit.mark === "string" ? unit.mark : unit.mark.type;
}

/** The filter expressions of a unit's transforms, joined. */
export function filters(unit: Node): string {
  return (unit.transform ?? [])
    .filter((t: Node) => t.filter !== undefined)
    .map((t: Node) => t.filter)
    .join(" && ");
}

/** The unit whose filter mentions `text` (first match). */
export function unitFiltered(spec: unknown, text: string): Node | undefined {
  return units(spec).find((u) => filters(u).includes(text));
}

/** The data values of the spec's top-level `data`. */
export function values(spec: unknown): Node[] {
  return (spec as Node).data.values;
}

/** The subtitle lines of a spec's title. */
export function subtitle(spec: unknown): string[] {
  return (spec as Node).title.subtitle ?? [];
}
