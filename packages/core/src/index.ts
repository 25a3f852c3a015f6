export { type DType, type TypedArray, DTYPES, allocate } from "./dtype";
export { describeValue } from "./describeValue";
export { Random, type RandomState } from "./random";
export { type Shape, fmt as formatShape } from "./shape";
export { Tensor, type GradNode, type NestedArray } from "./tensor/Tensor";
export { type TensorOptions, arange, full, ones, rand, randn, tensor, zeros, zerosLike } from "./tensor/factories";
export { backward, needsGrad, record } from "./autograd";
export { noGrad } from "./gradMode";
export { type CoreCopy, coreCopy, isTensor } from "./brand";
export { gradcheck, type GradcheckOptions, type GradcheckReport, type GradcheckInputReport } from "./gradcheck";
export { add, div, mul, neg, pow, sub, type Operand } from "./ops/arithmetic";
export { abs, exp, log, map, relu, sigmoid, sqrt, tanh } from "./ops/unary";
export { clamp } from "./ops/clamp";
export { where } from "./ops/where";
export { matmul } from "./ops/matmul";
export { transpose } from "./ops/transpose";
export { reshape } from "./ops/reshape";
export { concat, stack } from "./ops/concat";
export { slice, split } from "./ops/slice";
export { embedding, gather, type Indices } from "./ops/gather";
export { max, mean, norm, sum, type ReduceOptions } from "./ops/reduce";
export { logSoftmax, softmax } from "./ops/softmax";
export { crossEntropy, mse, type CrossEntropyOptions, type Reduction } from "./ops/losses";
export { fans } from "./init/fans";
export {
  calculateGain,
  identityInit,
  kaimingNormal,
  kaimingUniform,
  orthogonal,
  scaledNormal,
  uniformInit,
  xavierNormal,
  xavierUniform,
  type InitOptions,
  type KaimingOptions,
  type Nonlinearity,
} from "./init/initializers";
export { Optimizer, type OptimizerState } from "./optim/optimizer";
export { SGD, type SGDOptions } from "./optim/sgd";
export { Adam, AdamW, type AdamOptions } from "./optim/adam";
export { RMSprop, type RMSpropOptions } from "./optim/rmsprop";
export { Adagrad, type AdagradOptions } from "./optim/adagrad";
export { fromJSON, fromSafetensors, toJSON, toSafetensors, type TensorDict, type TensorJSON } from "./serialize";
export { gemm, gemmNaive } from "./kernels/gemm";
export { type Backend, getBackend, ready, setBackend, wasmSupported } from "./backend/backend";
