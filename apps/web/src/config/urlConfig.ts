// A configuration in the page's address, so a link reproduces a run: `?task=adding&length=50&cell=lstm&…`.
// Every field is written (a link must not change meaning when a default changes); unknown parameters are ignored.
// A null forget-gate bias (the random init) is written "none".
import { DEFAULT_CONFIG, validateConfig, type FieldError, type LabConfig } from "./labConfig";

const NUMERIC: readonly (keyof LabConfig)[] = ["distance", "length", "hiddenSize", "learningRate", "recurrentScale", "threshold", "batchSize", "seed"];
const FIELDS = Object.keys(DEFAULT_CONFIG) as (keyof LabConfig)[];

/** The query string of a configuration, fields in a fixed order (no leading "?"). */
export function configToQuery(config: LabConfig): string {
  const params = new URLSearchParams();
  for (const key of FIELDS) params.set(key, config[key] === null ? "none" : String(config[key]));
  return params.toString();
}

/**
 * The configuration a query string describes: its fields over `base` (default {@link DEFAULT_CONFIG}). When some
 * field is bad, `config` keeps the base value for it and `errors` says what was refused, so the page can open
 * with a usable form and show what was wrong with the link.
 */
export function configFromQuery(search: string, base: LabConfig = DEFAULT_CONFIG): { config: LabConfig; errors: FieldError[]; given: number } {
  const params = new URLSearchParams(search);
  const merged: Record<string, unknown> = { ...base };
  let given = 0;
  for (const key of FIELDS) {
    const text = params.get(key);
    if (text === null) continue;
    given++;
    if (key === "forgetBias") merged[key] = text === "none" ? null : text.trim() === "" ? NaN : Number(text);
    else merged[key] = NUMERIC.includes(key) ? (text.trim() === "" ? NaN : Number(text)) : text;
  }
  const v = validateConfig(merged);
  if (v.ok) return { config: v.config, errors: [], given };
  const fixed: Record<string, unknown> = { ...merged };
  for (const e of v.errors) if (e.field !== "config") fixed[e.field] = base[e.field];
  const again = validateConfig(fixed);
  // A field can be bad only together with another (distance with preset): fall back to the base in that case.
  return { config: again.ok ? again.config : { ...base }, errors: v.errors, given };
}
