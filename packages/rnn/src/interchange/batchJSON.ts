import { describe } from "../describe";
import { RecurrentModel } from "../model/RecurrentModel";
import type { SequenceBatch } from "../batch/SequenceBatch";
import { readNested } from "./nested";

/** The batch file of `vanish gradients` (docs/interchange.md). */
export interface BatchJSON {
  /** `[T][B][I]` numbers. */
  x: number[][][];
  /** Class ids: `[B]` for loss "last", `[T][B]` for loss "all". */
  y: number[] | number[][];
  /** Default "last". */
  loss?: "last" | "all";
}

/**
 * A {@link SequenceBatch} from the §3 batch file, checked against `model` (input width, class count). Every
 * error names the JSON path that is wrong (`x[3][1]`, `y[2]`, `loss`), what it must be and what it is.
 */
export function batchFromJSON(json: unknown, model: RecurrentModel): SequenceBatch {
  const fn = "batchFromJSON";
  if (!(model instanceof RecurrentModel)) throw new TypeError(`${fn}: model must be a RecurrentModel, got ${describe(model)}`);
  if (model.vocabSize > 0) throw new TypeError(`${fn}: the batch file holds dense x; this model embeds token ids (vocabSize ${model.vocabSize})`);
  if (!json || typeof json !== "object" || Array.isArray(json)) {
    throw new TypeError(`${fn}: the batch must be an object {x, y, loss}, got ${describe(json)}`);
  }
  const b = json as Record<string, unknown>;
  const loss = b.loss ?? "last";
  if (loss !== "last" && loss !== "all") throw new TypeError(`${fn}: loss must be "last" or "all", got ${describe(loss)}`);
  const x = b.x;
  if (!Array.isArray(x) || x.length === 0) throw new RangeError(`${fn}: x must be an array of T >= 1 steps [T][B][I], got ${describe(x)}`);
  if (!Array.isArray(x[0]) || x[0].length === 0) throw new RangeError(`${fn}: x[0] must be an array of B >= 1 examples [B][I], got ${describe(x[0])}`);
  const T = x.length;
  const B = x[0].length;
  const I = model.inputSize;
  const xt = readNested(fn, "x", x, [T, B, I], model.dtype);
  const O = model.outputSize;
  const yShape = loss === "last" ? [B] : [T, B];
  const y = readNested(fn, "y", b.y, yShape, "float64").data;
  for (let k = 0; k < y.length; k++) {
    if (!Number.isInteger(y[k]) || y[k] < 0 || y[k] >= O) {
      const at = loss === "last" ? `y[${k}]` : `y[${Math.floor(k / B)}][${k % B}]`;
      throw new RangeError(`${fn}: ${at} must be a class id in [0, ${O - 1}] (outputSize ${O}), got ${y[k]}`);
    }
  }
  return { x: xt, targets: Int32Array.from(y), loss };
}
