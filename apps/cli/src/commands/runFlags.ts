// The flags that set run-config fields, shared by `vanish train` and `vanish sweep`: every config field has one,
// and `--config FILE` gives a base the flags override. Config errors name the flag that set the bad value.
import { InvalidArgumentError, Option, type Command } from "commander";
import { DTYPES, NON_FINITE_POLICIES, OPTIMIZER_NAMES, resolveRunConfig, type PartialRunConfig, type RunConfig } from "../engine/config";
import { ConfigError } from "../engine/configError";
import { setPath } from "../engine/setPath";
import { TASK_NAMES, TASK_PRESETS } from "../engine/taskConfig";
import { CELL_TYPES } from "@vanish/rnn";
import { CliError, EXIT_USAGE, readJSON, type CliIO } from "../io";

/** Parsed flag values (commander's camel-cased option names). */
export interface RunFlagValues {
  config?: string;
  task?: string;
  preset?: string;
  knob?: string[];
  cell?: string;
  layers?: number;
  hiddenSize?: number;
  embeddingSize?: number;
  init?: string;
  forgetBias?: number;
  optimizer?: string;
  lr?: number;
  opt?: string[];
  clip?: string;
  nonFinite?: string;
  bptt?: string;
  k1?: number;
  k2?: number;
  stateful?: boolean;
  steps?: number;
  batchSize?: number;
  logEvery?: number;
  evalEvery?: number;
  evalBatches?: number;
  dtype?: string;
  seed?: number;
  instrumentEvery?: number;
}

function number(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === "" || Number.isNaN(n)) throw new InvalidArgumentError(`${flag} takes a number, got "${value}".`);
    return n;
  };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `KEY=VALUE` → [key, value], the value read as JSON when it parses (`[4,20]`, `0.9`, `true`) and as text otherwise. */
export function keyValue(flag: string, text: string): [string, unknown] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new CliError(`${flag} takes KEY=VALUE, got "${text}"`, EXIT_USAGE);
  const raw = text.slice(eq + 1);
  try {
    return [text.slice(0, eq), JSON.parse(raw)];
  } catch {
    return [text.slice(0, eq), raw];
  }
}

/** Adds every run-config flag to `command`. */
export function addRunFlags(command: Command): Command {
  return command
    .option("--config <file>", "a JSON run config (any subset of fields); flags override it")
    .addOption(new Option("--task <name>", "task").choices(TASK_NAMES))
    .addOption(new Option("--preset <name>", "task preset").choices(TASK_PRESETS))
    .option("--knob <key=value>", "a task knob, repeatable (e.g. --knob length=50 --knob distance=[4,20])", collect)
    .addOption(new Option("--cell <cell>", "recurrent cell").choices(CELL_TYPES))
    .option("--layers <n>", "stacked recurrent layers", number("--layers"))
    .option("--hidden-size <n>", "hidden units per layer", number("--hidden-size"))
    .option("--embedding-size <n>", "token embedding width (agreement)", number("--embedding-size"))
    .option("--init <kind[:value]>", "W_hh init: uniform | scaledNormal:SCALE | orthogonal:GAIN | identity:SCALE")
    .option("--forget-bias <b>", "LSTM forget-gate bias", number("--forget-bias"))
    .addOption(new Option("--optimizer <name>", "optimiser").choices(OPTIMIZER_NAMES))
    .option("--lr <rate>", "learning rate", number("--lr"))
    .option("--opt <key=value>", "an optimiser option, repeatable (e.g. --opt momentum=0.9)", collect)
    .option("--clip <spec>", 'clipping spec, e.g. norm:1, value:0.5, agc:0.01, zclip, "zeroNans>norm:1", or none')
    .addOption(new Option("--non-finite <policy>", "on a NaN/Infinity loss or gradient").choices(NON_FINITE_POLICIES))
    .addOption(new Option("--bptt <mode>", "backpropagation through time").choices(["full", "truncated"]))
    .option("--k1 <n>", "truncated BPTT: steps between backward passes", number("--k1"))
    .option("--k2 <n>", "truncated BPTT: steps each backward pass reaches back", number("--k2"))
    .option("--no-stateful", "truncated BPTT: start every window from zeros instead of the carried state")
    .option("--steps <n>", "optimiser steps", number("--steps"))
    .option("--batch-size <n>", "sequences per batch", number("--batch-size"))
    .option("--log-every <n>", "steps per metrics record", number("--log-every"))
    .option("--eval-every <n>", "steps between evaluations (0: only at the end)", number("--eval-every"))
    .option("--eval-batches <n>", "batches in the evaluation set", number("--eval-batches"))
    .addOption(new Option("--dtype <dtype>", "arithmetic precision").choices(DTYPES))
    .option("--seed <n>", "random seed", number("--seed"))
    .option("--instrument-every <n>", "steps between ‖dL/dh_t‖ and spectral-radius records (0: off)", number("--instrument-every"));
}

/** Config path → the flag that sets it (for error messages). */
const FLAG_OF: [string, string][] = [
  ["task.name", "--task"],
  ["task.preset", "--preset"],
  ["task.knobs", "--knob"],
  ["hiddenSize", "--hidden-size"],
  ["embeddingSize", "--embedding-size"],
  ["recurrentInit", "--init"],
  ["forgetBias", "--forget-bias"],
  ["optimizer.name", "--optimizer"],
  ["optimizer.lr", "--lr"],
  ["optimizer", "--opt"],
  ["nonFinite", "--non-finite"],
  ["bptt.mode", "--bptt"],
  ["bptt.k1", "--k1"],
  ["bptt.k2", "--k2"],
  ["bptt.stateful", "--no-stateful"],
  ["batchSize", "--batch-size"],
  ["logEvery", "--log-every"],
  ["evalEvery", "--eval-every"],
  ["evalBatches", "--eval-batches"],
  ["instrumentEvery", "--instrument-every"],
];

function flagFor(path: string): string {
  for (const [prefix, flag] of FLAG_OF) if (path === prefix || path.startsWith(`${prefix}.`)) return flag;
  return `--${path.split(".")[0]}`;
}

/**
 * The partial config the flags describe over `--config FILE` (or over `start` when no file is given), and the config
 * paths the flags set.
 */
export function flagsToPartial(flags: RunFlagValues, io: CliIO, start: PartialRunConfig = {}): { partial: PartialRunConfig; fromFlags: Set<string> } {
  let partial: PartialRunConfig = start;
  if (flags.config !== undefined) {
    const file = readJSON(io, flags.config, "config");
    if (file === null || typeof file !== "object" || Array.isArray(file)) throw new CliError(`the config file ${flags.config} must hold a JSON object of run-config fields`, EXIT_USAGE);
    partial = file as PartialRunConfig;
  }
  const fromFlags = new Set<string>();
  const set = (path: string, value: unknown): void => {
    if (value === undefined) return;
    partial = setPath(partial, path, value);
    fromFlags.add(path);
  };
  set("task.name", flags.task);
  set("task.preset", flags.preset);
  for (const k of flags.knob ?? []) set(`task.knobs.${keyValue("--knob", k)[0]}`, keyValue("--knob", k)[1]);
  set("cell", flags.cell);
  set("layers", flags.layers);
  set("hiddenSize", flags.hiddenSize);
  set("embeddingSize", flags.embeddingSize);
  if (flags.init !== undefined) {
    const [kind, value] = flags.init.split(":");
    const init: Record<string, unknown> = { kind };
    if (value !== undefined) init[kind === "orthogonal" ? "gain" : "scale"] = Number(value);
    set("recurrentInit", init);
  }
  set("forgetBias", flags.forgetBias);
  set("optimizer.name", flags.optimizer);
  set("optimizer.lr", flags.lr);
  for (const o of flags.opt ?? []) set(`optimizer.${keyValue("--opt", o)[0]}`, keyValue("--opt", o)[1]);
  set("clip", flags.clip);
  set("nonFinite", flags.nonFinite);
  if ((flags.k1 !== undefined || flags.k2 !== undefined || flags.stateful === false) && flags.bptt === undefined) set("bptt.mode", "truncated");
  set("bptt.mode", flags.bptt);
  set("bptt.k1", flags.k1);
  set("bptt.k2", flags.k2);
  if (flags.stateful === false) set("bptt.stateful", false);
  set("steps", flags.steps);
  set("batchSize", flags.batchSize);
  set("logEvery", flags.logEvery);
  set("evalEvery", flags.evalEvery);
  set("evalBatches", flags.evalBatches);
  set("dtype", flags.dtype);
  set("seed", flags.seed);
  set("instrumentEvery", flags.instrumentEvery);
  return { partial, fromFlags };
}

/**
 * A config error for the command line: the key is named by the flag that set it (`--steps (config.steps) must be …`)
 * or by the config file it came from.
 */
export function configErrorMessage(e: ConfigError, fromFlags: Set<string>, file: string | undefined): string {
  const path = e.path.slice("config.".length);
  const flagged = [...fromFlags].some((p) => path === p || path.startsWith(`${p}.`) || p.startsWith(`${path}.`));
  const key = flagged ? `${flagFor(path)} (${e.path})` : file ? `${e.path} in ${file}` : e.path;
  return `${e.at === null ? "" : `${e.at}: `}${key} ${e.reason}`;
}

/** Resolves the flags into a run config; a bad value is a usage error (exit 2) naming the flag or file. */
export function resolveFlags(flags: RunFlagValues, io: CliIO): RunConfig {
  const { partial, fromFlags } = flagsToPartial(flags, io);
  try {
    return resolveRunConfig(partial);
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(configErrorMessage(e, fromFlags, flags.config), EXIT_USAGE);
    throw e;
  }
}
