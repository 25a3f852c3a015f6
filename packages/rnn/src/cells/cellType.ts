import { describe } from "../describe";

/** The recurrent cells, named as in PyTorch's `nn.RNN(nonlinearity=…)`, `nn.LSTM`, `nn.GRU`. */
export type CellType = "rnn_tanh" | "rnn_relu" | "lstm" | "gru";

export const CELL_TYPES: readonly CellType[] = ["rnn_tanh", "rnn_relu", "lstm", "gru"];

/**
 * The number of gate blocks G stacked in `weight_ih` `[G·H, I]` and `weight_hh` `[G·H, H]`, in PyTorch's order:
 * RNN 1; LSTM 4 (i, f, g, o); GRU 3 (r, z, n).
 */
export function gateCount(cell: CellType): number {
  return cell === "lstm" ? 4 : cell === "gru" ? 3 : 1;
}

/** The names of the gate blocks in stacking order (`["h"]` for a vanilla RNN). */
export function gateNames(cell: CellType): readonly string[] {
  return cell === "lstm" ? ["i", "f", "g", "o"] : cell === "gru" ? ["r", "z", "n"] : ["h"];
}

export function assertCellType(fn: string, arg: string, cell: unknown): asserts cell is CellType {
  if (!CELL_TYPES.includes(cell as CellType)) {
    throw new TypeError(`${fn}: ${arg} must be one of "rnn_tanh", "rnn_relu", "lstm", "gru", got ${describe(cell)}`);
  }
}
