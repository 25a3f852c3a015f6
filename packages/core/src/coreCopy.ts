// This copy of @vanish/core and the realm-wide brand its Tensor class carries (see brand.ts, which recognises tensors
// of other copies by it). Its own file, without the Tensor type, so that tensor/Tensor.ts can brand its class
// without an import circle.
import { version } from "../package.json";

/** The realm-wide key (`Symbol.for`) under which each copy of core brands its Tensor prototype. */
export const TENSOR_BRAND = Symbol.for("vanish.tensor");

/**
 * The layout of a Tensor and its autodiff record (`data`, `shape`, `strides`, `offset`, `size`, `dtype`,
 * `requiresGrad`, `grad`, `node`). Bumped whenever one of them changes incompatibly; two copies share tensors
 * only when their formats are equal.
 */
export const TENSOR_FORMAT = 1;

/** One loaded copy of @vanish/core: its version, its tensor format and where it was loaded from. */
export interface CoreCopy {
  readonly version: string;
  readonly format: number;
  /** The module URL of this copy (`file:///…/node_modules/@vanish/core/dist/index.js` in Node). */
  readonly location: string;
}

/** This copy of @vanish/core. */
export const coreCopy: CoreCopy = Object.freeze({ version, format: TENSOR_FORMAT, location: String(import.meta.url) });

/** @internal Brands a Tensor class as made by this copy (called once, from the class's static block). */
export function brandTensorClass(cls: abstract new (...args: never[]) => unknown): void {
  Object.defineProperty(cls.prototype, TENSOR_BRAND, { value: coreCopy });
}

