// A typed config error, in a file of its own: config validation (check.ts) throws it and imports nothing else here.
/**
 * A run config that does not resolve. `path` names the key (`config.optimizer.lr`), `reason` says what is wrong with
 * it (`must be a number > 0, got -1`), `kind` is "type" (wrong kind of value, unknown key) or "range" (out of range).
 * Callers compose their own message from the fields (the CLI names the flag or file that set the key) instead of
 * rewriting the message. `fn` is the function that resolved the config; `at` places the config in its input,
 * e.g. a sweep's grid point.
 */
export class ConfigError extends Error {
  readonly path: string;
  readonly reason: string;
  readonly kind: "type" | "range";
  readonly at: string | null;

  constructor(path: string, reason: string, kind: "type" | "range", { fn = "resolveRunConfig", at = null }: { fn?: string; at?: string | null } = {}) {
    super(`${fn}: ${at === null ? "" : `${at}: `}${path} ${reason}`);
    this.name = "ConfigError";
    this.path = path;
    this.reason = reason;
    this.kind = kind;
    this.at = at;
  }
}
