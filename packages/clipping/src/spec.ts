// A small text/JSON language for clipping strategies, for the CLI and the web app:
//   "norm:1"   "value:0.5"   "agc:0.01:exclude=-2|-1"   "zclip"   "autoclip:10:history=1000"
//   "zeroNans>agc:0.01>norm:1"   '[{"type":"agc","clipping":0.01},{"type":"norm","maxNorm":1}]'
import { Chain } from "./chain";
import { describe } from "./grads";
import { ApplyIfFinite } from "./policies/applyIfFinite";
import { ErrorOnNonFinite } from "./policies/errorOnNonFinite";
import { SkipNonFinite } from "./policies/skipNonFinite";
import { ZeroNans } from "./policies/zeroNans";
import { AGCClip } from "./strategies/agc";
import { AutoClip } from "./strategies/autoClip";
import { BlockRmsClip } from "./strategies/blockRms";
import { GlobalNormClip } from "./strategies/globalNorm";
import { PerTensorNormClip } from "./strategies/perTensorNorm";
import { TFGlobalNormClip } from "./strategies/tfGlobalNorm";
import { ValueClip } from "./strategies/value";
import { ZClip } from "./strategies/zClip";
import type { ClipSpecObject, ClipStrategy } from "./strategy";

/** Anything {@link parseClipSpec} accepts. */
export type ClipSpec = string | ClipSpecObject | readonly ClipSpecObject[];

type Options = Record<string, unknown>;

interface Form {
  /** The kind as written in a spec (matched case-insensitively). */
  kind: ClipSpecObject["type"];
  usage: string;
  what: string;
  /** The option the positional value sets, if the form has one. */
  positional?: string;
  /** Text keys → option names. */
  keys: Record<string, string>;
  /** A non-finite policy (acts only on NaN and ±Infinity) rather than a clipping strategy. */
  policy?: true;
  /** The strategy from parsed options (its constructor validates them). */
  build(o: Options): ClipStrategy;
}

const FORMS: readonly Form[] = [
  { kind: "value", usage: "value:C", what: "clamp every element to [-C, C]", positional: "clipValue", keys: {}, build: (o) => new ValueClip(o.clipValue as number) },
  {
    kind: "norm",
    usage: "norm:MAX[:type=2|1|inf]",
    what: "global norm of all tensors together (PyTorch clip_grad_norm_)",
    positional: "maxNorm",
    keys: { type: "normType", errorIfNonfinite: "errorIfNonfinite" },
    build: (o) => new GlobalNormClip(o.maxNorm as number, { normType: o.normType as 2, errorIfNonfinite: o.errorIfNonfinite as boolean }),
  },
  { kind: "tensornorm", usage: "tensornorm:MAX", what: "each tensor by its own norm (Keras clipnorm)", positional: "maxNorm", keys: {}, build: (o) => new PerTensorNormClip(o.maxNorm as number) },
  { kind: "tfglobalnorm", usage: "tfglobalnorm:MAX", what: "global norm, TF clip_by_global_norm semantics", positional: "clipNorm", keys: {}, build: (o) => new TFGlobalNormClip(o.clipNorm as number) },
  { kind: "blockrms", usage: "blockrms:T", what: "each tensor to RMS <= T (optax clip_by_block_rms)", positional: "threshold", keys: {}, build: (o) => new BlockRmsClip(o.threshold as number) },
  {
    kind: "agc",
    usage: "agc[:LAMBDA][:eps=E][:exclude=I|NAME|...]",
    what: "unit-wise adaptive clipping, default LAMBDA 0.01 (Brock et al. 2021)",
    positional: "clipping",
    keys: { eps: "eps", exclude: "exclude" },
    build: (o) => new AGCClip(o as { clipping?: number }),
  },
  {
    kind: "autoclip",
    usage: "autoclip[:P][:history=H]",
    what: "clip to the P-th percentile of past norms, default P 10 (Seetharaman et al. 2020)",
    positional: "percentile",
    keys: { history: "historyLength" },
    build: (o) => new AutoClip(o as { percentile?: number }),
  },
  {
    kind: "zclip",
    usage: "zclip[:alpha=A][:z=Z][:warmup=W][:eps=E][:max=M]",
    what: "z-score spike clipping, defaults 0.97, 2.5, 25, 1e-6 (Kumar et al. 2025)",
    keys: { alpha: "alpha", z: "zThreshold", warmup: "warmupSteps", eps: "eps", max: "maxNorm" },
    build: (o) => new ZClip(o as { alpha?: number }),
  },
  { kind: "error", usage: "error", what: "throw on NaN/Infinity", keys: {}, policy: true, build: () => new ErrorOnNonFinite() },
  { kind: "skip", usage: "skip", what: "skip the update on NaN/Infinity and count skips", keys: {}, policy: true, build: () => new SkipNonFinite() },
  { kind: "zeroNans", usage: "zeroNans", what: "replace NaN by 0 (optax zero_nans)", keys: {}, policy: true, build: () => new ZeroNans() },
  {
    kind: "applyIfFinite",
    usage: "applyIfFinite:N",
    what: "skip non-finite updates, throw after N in a row (optax apply_if_finite)",
    positional: "maxConsecutiveFailures",
    keys: {},
    policy: true,
    build: (o) => new ApplyIfFinite(o.maxConsecutiveFailures as number),
  },
];

/** A spec kind (`"norm"`, `"agc"`, `"skip"`, …): what comes before the first `:` of a spec. */
export type ClipKind = ClipSpecObject["type"];

/**
 * Every spec kind, in the order of {@link CLIP_SPEC_FORMS}: the clipping strategies, then the non-finite policies
 * (`error`, `skip`, `zeroNans`, `applyIfFinite`). The one vocabulary other code names strategies in.
 */
export const CLIP_KINDS: readonly ClipKind[] = Object.freeze(FORMS.map((f) => f.kind));

/** The non-finite policies among {@link CLIP_KINDS}: they act only on NaN and ±Infinity. */
export const NON_FINITE_POLICY_KINDS: readonly ClipKind[] = Object.freeze(FORMS.filter((f) => f.policy).map((f) => f.kind));

/** Kinds that need their positional value. */
const REQUIRED = new Set(["value", "norm", "tensornorm", "tfglobalnorm", "blockrms", "applyIfFinite"]);

/** The valid forms, one per line (appended to every spec error). */
export const CLIP_SPEC_FORMS: string = [
  "valid forms:",
  ...FORMS.map((f) => `  ${f.usage.padEnd(Math.max(...FORMS.map((g) => g.usage.length)) + 2)}${f.what}`),
  '  chain stages with ">", e.g. "zeroNans>agc:0.01>norm:1", or give a JSON object {"type":"norm","maxNorm":1} or an array of them',
].join("\n");

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

function fail(ErrorType: typeof TypeError | typeof RangeError, where: string, message: string): never {
  throw new ErrorType(`parseClipSpec: ${where}: ${message}\n${CLIP_SPEC_FORMS}`);
}

function findForm(kind: string): Form | undefined {
  const k = kind.toLowerCase();
  return FORMS.find((f) => f.kind.toLowerCase() === k);
}

function parseNumber(where: string, text: string): number {
  if (/^[+]?inf(inity)?$/i.test(text)) return Infinity;
  if (!NUMBER.test(text)) fail(TypeError, where, `${JSON.stringify(text)} is not a number`);
  return Number(text);
}

function parseValue(where: string, option: string, text: string): unknown {
  if (option === "errorIfNonfinite") {
    if (text !== "true" && text !== "false") fail(TypeError, where, `errorIfNonfinite must be true or false, got ${JSON.stringify(text)}`);
    return text === "true";
  }
  if (option === "exclude") {
    return text.split("|").map((e) => {
      const name = e.trim();
      if (name === "") fail(TypeError, where, "exclude needs indices or names separated by |");
      return /^[+-]?\d+$/.test(name) ? Number(name) : name;
    });
  }
  return parseNumber(where, text);
}

function build(where: string, form: Form, options: Options): ClipStrategy {
  if (REQUIRED.has(form.kind) && options[form.positional!] === undefined) {
    fail(TypeError, where, `${form.kind} needs a value: ${form.usage}`);
  }
  try {
    return form.build(options);
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) {
      const E = error instanceof RangeError ? RangeError : TypeError;
      throw new E(`parseClipSpec: ${where}: ${error.message}`);
    }
    throw error;
  }
}

function parseStage(text: string, whole: string): ClipStrategy {
  const where = JSON.stringify(whole);
  const [kind, ...args] = text.split(":").map((s) => s.trim());
  if (kind === "") fail(TypeError, where, "a stage is empty");
  const form = findForm(kind);
  if (!form) fail(TypeError, where, `unknown strategy ${JSON.stringify(kind)}`);
  const options: Options = {};
  let positional = false;
  for (const arg of args) {
    const eq = arg.indexOf("=");
    if (eq < 0) {
      if (!form.positional) fail(TypeError, where, `${form.kind} takes no value, got ${JSON.stringify(arg)}; use ${form.usage}`);
      if (positional) fail(TypeError, where, `${form.kind} takes one value, got another: ${JSON.stringify(arg)}; use ${form.usage}`);
      options[form.positional] = parseNumber(where, arg);
      positional = true;
      continue;
    }
    const key = arg.slice(0, eq).trim();
    const option = form.keys[key];
    if (option === undefined) {
      const known = Object.keys(form.keys);
      fail(TypeError, where, `unknown option ${JSON.stringify(key)} for ${form.kind}${known.length ? ` (it takes ${known.join(", ")})` : " (it takes none)"}`);
    }
    options[option] = parseValue(where, option, arg.slice(eq + 1).trim());
  }
  return build(where, form, options);
}

/** Option names each JSON type accepts. */
function jsonKeys(form: Form): string[] {
  return [...(form.positional ? [form.positional] : []), ...Object.values(form.keys)];
}

function fromObject(o: unknown, where: string): ClipStrategy {
  if (typeof o !== "object" || o === null || Array.isArray(o)) fail(TypeError, where, `each stage must be an object like {"type":"norm","maxNorm":1}, got ${describe(o)}`);
  const { type, ...rest } = o as { type?: unknown } & Options;
  if (typeof type !== "string") fail(TypeError, where, `"type" must be a strategy name, got ${describe(type)}`);
  const form = findForm(type);
  if (!form) fail(TypeError, where, `unknown strategy ${JSON.stringify(type)}`);
  const allowed = jsonKeys(form);
  for (const key of Object.keys(rest)) {
    if (!allowed.includes(key)) {
      fail(TypeError, where, `unknown key ${JSON.stringify(key)} for ${form.kind}${allowed.length ? ` (it takes ${allowed.join(", ")})` : " (it takes none)"}`);
    }
  }
  if (typeof rest.normType === "string") {
    if (!/^[+]?inf(inity)?$/i.test(rest.normType)) fail(TypeError, where, `normType must be 1, 2 or "inf", got ${JSON.stringify(rest.normType)}`);
    rest.normType = Infinity;
  }
  return build(where, form, rest);
}

/**
 * A strategy from a spec: a string such as `"norm:1"` or `"zeroNans>agc:0.01>norm:1"` (stages joined by `>`),
 * a JSON object `{"type":"norm","maxNorm":1}`, an array of them (a chain), or a string holding that JSON.
 * Kinds are matched case-insensitively. A bad spec throws a `TypeError` (or a `RangeError` for a value out of
 * range) whose message lists the valid forms ({@link CLIP_SPEC_FORMS}).
 *
 * @example
 * parseClipSpec("zeroNans>agc:0.01>norm:1").spec; // "zeroNans>agc:0.01>norm:1"
 */
export function parseClipSpec(spec: ClipSpec): ClipStrategy {
  if (typeof spec === "string") {
    const text = spec.trim();
    if (text.startsWith("[") || text.startsWith("{")) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        fail(TypeError, JSON.stringify(spec), `invalid JSON (${(error as Error).message})`);
      }
      return parseClipSpec(json as ClipSpec);
    }
    if (text === "") fail(TypeError, '""', "the spec is empty");
    const stages = text.split(">").map((s) => parseStage(s.trim(), text));
    return stages.length === 1 ? stages[0] : new Chain(stages);
  }
  if (Array.isArray(spec)) {
    if (spec.length === 0) fail(TypeError, "[]", "a chain needs at least one stage");
    const stages = spec.map((o, i) => fromObject(o, `stage ${i}`));
    return stages.length === 1 ? stages[0] : new Chain(stages);
  }
  if (typeof spec === "object" && spec !== null) return fromObject(spec, "the spec object");
  return fail(TypeError, "the spec", `must be a string, an object or an array of objects, got ${describe(spec)}`);
}
