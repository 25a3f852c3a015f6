import { formatRate, formatRatio } from "./format";
import type { Measurement } from "./results";
import { markdownTable } from "./table";

/** One figure of docs/speed.md, measured on another, faster machine of the same kind. */
export interface ReferenceFigure {
  group: "rnn_tanh" | "lstm" | "gru";
  case: string;
  implementation: string;
  /** Sequences per second. */
  rate: number;
  /** tfjs's wasm backend in a manual loop on that machine, to compare machines with. */
  tfjsWasm: number;
}

/**
 * The fastest alternative per training case in docs/speed.md ("Speed of the alternatives on this kind of machine":
 * 2 cores, Node 20, one thread): the figures to beat. For the tanh RNN the fastest was a plain typed-array JS sketch
 * with a 4×4 register-tiled GEMM; for the gated cells, tfjs's wasm backend in a manual loop.
 */
export const REFERENCE_FIGURES: readonly ReferenceFigure[] = [
  { group: "rnn_tanh", case: "T50 H64", implementation: "plain-JS sketch, 4×4 tiled GEMM", rate: 3337, tfjsWasm: 2205 },
  { group: "rnn_tanh", case: "T200 H64", implementation: "plain-JS sketch, 4×4 tiled GEMM", rate: 821, tfjsWasm: 436 },
  { group: "rnn_tanh", case: "T50 H128", implementation: "plain-JS sketch, 4×4 tiled GEMM", rate: 1003, tfjsWasm: 755 },
  { group: "rnn_tanh", case: "T200 H128", implementation: "plain-JS sketch, 4×4 tiled GEMM", rate: 254, tfjsWasm: 171 },
  { group: "lstm", case: "T50 H64", implementation: "tfjs wasm, manual loop", rate: 622, tfjsWasm: 622 },
  { group: "lstm", case: "T200 H64", implementation: "tfjs wasm, manual loop", rate: 132, tfjsWasm: 132 },
  { group: "gru", case: "T50 H64", implementation: "tfjs wasm, manual loop", rate: 717, tfjsWasm: 717 },
  { group: "gru", case: "T200 H64", implementation: "tfjs wasm, manual loop", rate: 143, tfjsWasm: 143 },
];

const NAMES: Record<ReferenceFigure["group"], string> = { rnn_tanh: "tanh RNN", lstm: "LSTM", gru: "GRU" };

/**
 * Vanish's best float32 rate measured in this run beside the fastest figure of docs/speed.md, case by case, with
 * tfjs wasm's rate here and there to compare the machines (when "there" was faster, the ratio understates Vanish).
 */
export function referenceTable(rows: readonly Measurement[], figures: readonly ReferenceFigure[] = REFERENCE_FIGURES): string {
  const body = figures.flatMap((f) => {
    const vanish = rows
      .filter((m) => m.group === f.group && m.case === f.case && m.impl?.library === "vanish" && m.impl.dtype === "float32")
      .reduce<Measurement | undefined>((best, m) => (best === undefined || m.median > best.median ? m : best), undefined);
    const here = rows.find((m) => m.group === f.group && m.case === f.case && m.id === "tfjs-wasm-manual");
    if (!vanish) return [];
    return [
      [`${NAMES[f.group]} ${f.case}`, formatRate(vanish.median), `${here ? formatRate(here.median) : "–"} / ${formatRate(f.tfjsWasm)}`, `${f.implementation}: ${formatRate(f.rate)}`, `**${formatRatio(vanish.median / f.rate)}**`],
    ];
  });
  return markdownTable(["case", "Vanish float32 here", "tfjs wasm manual loop: here / there", "fastest there (docs/speed.md)", "Vanish here ÷ fastest there"], body);
}
