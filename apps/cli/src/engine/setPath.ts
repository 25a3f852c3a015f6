import type { PartialRunConfig } from "./config";

/** Fields whose short form is a string (`"sgd"` for `{ name: "sgd" }`), so a grid path can go inside them. */
const SHORT_FORMS: Record<string, string> = { task: "name", optimizer: "name", recurrentInit: "kind", bptt: "mode" };

/** A copy of `config` with `value` at the dotted `path` (creating objects on the way). */
export function setPath(config: PartialRunConfig, path: string, value: unknown): PartialRunConfig {
  const keys = path.split(".");
  const out = structuredClone(config) as Record<string, unknown>;
  let node = out;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      node[key] = value;
      return;
    }
    let next = node[key];
    if (typeof next === "string" && i === 0 && SHORT_FORMS[key]) next = { [SHORT_FORMS[key]]: next };
    if (next === undefined || next === null) next = {};
    if (typeof next !== "object" || Array.isArray(next)) throw new TypeError(`setPath: "${path}" goes inside ${keys.slice(0, i + 1).join(".")}, which is ${JSON.stringify(next)}, not an object`);
    node[key] = next;
    node = next as Record<string, unknown>;
  });
  return out as PartialRunConfig;
}
