import { createHash } from "node:crypto";
import type { RunConfig } from "./config";

/** JSON with object keys sorted at every depth, so equal configs give equal text whatever their key order. */
export function canonicalJSON(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

/**
 * The job id of a run: the first 16 hex digits of the SHA-256 of the config's canonical JSON. Pass a resolved
 * config (`resolveRunConfig`), so that a default spelled out and a default left out give the same id.
 *
 * @example
 * configHash(resolveRunConfig({ cell: "gru" })); // e.g. "3f9a0c…" (16 hex digits)
 */
export function configHash(config: RunConfig): string {
  return createHash("sha256").update(canonicalJSON(config)).digest("hex").slice(0, 16);
}
