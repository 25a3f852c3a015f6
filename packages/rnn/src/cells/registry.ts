// The cells, one record each (see Cell.ts). Adding a cell: write `src/cells/<name>Cell.ts` exporting its record
// (steps, Jacobian step, reference step), add ONE line below, and test it as the cells' own tests do. The list
// is explicit (no self-registering modules: the package is `sideEffects: false`).
import { describe } from "../describe";
import type { Cell } from "./Cell";
import { gruCell } from "./gruCell";
import { lstmCell } from "./lstmCell";
import { rnnReluCell, rnnTanhCell } from "./rnnCell";

/** Every cell by its name, named as in PyTorch's `nn.RNN(nonlinearity=…)`, `nn.LSTM`, `nn.GRU`. */
export const CELLS = {
  rnn_tanh: rnnTanhCell,
  rnn_relu: rnnReluCell,
  lstm: lstmCell,
  gru: gruCell,
} satisfies Record<string, Cell>;

/** The recurrent cells: `"rnn_tanh" | "rnn_relu" | "lstm" | "gru"`. */
export type CellType = keyof typeof CELLS;

/** The cell names, in registry order. */
export const CELL_TYPES: readonly CellType[] = Object.keys(CELLS) as CellType[];

/** The record of a cell (the caller has validated the name, e.g. through a model's config). */
export function cellOf(cell: CellType): Cell {
  return (CELLS as Record<string, Cell>)[cell];
}

/**
 * The number of gate blocks G stacked in `weight_ih` `[G·H, I]` and `weight_hh` `[G·H, H]`, in PyTorch's order:
 * RNN 1; LSTM 4 (i, f, g, o); GRU 3 (r, z, n).
 */
export function gateCount(cell: CellType): number {
  return cellOf(cell).gates.length;
}

/** The names of the gate blocks in stacking order (`["h"]` for a vanilla RNN). */
export function gateNames(cell: CellType): readonly string[] {
  return cellOf(cell).gates;
}

export function assertCellType(fn: string, arg: string, cell: unknown): asserts cell is CellType {
  if (typeof cell !== "string" || !Object.hasOwn(CELLS, cell)) {
    throw new TypeError(`${fn}: ${arg} must be one of ${Object.keys(CELLS).map((k) => JSON.stringify(k)).join(", ")}, got ${describe(cell)}`);
  }
}
