export { type DType, type TypedArray, DTYPES, allocate, dtypeOf } from "./dtype";
export { Random, type RandomState } from "./random";
export { type Shape, broadcastShapes, fmt as formatShape, sizeOf, stridesOf } from "./shape";
export {
  Tensor,
  type GradNode,
  type NestedArray,
  type TensorOptions,
  arange,
  assertSameDType,
  assertShape,
  assertTensor,
  full,
  ones,
  rand,
  randn,
  tensor,
  zeros,
  zerosLike,
} from "./tensor";
export { type CoreCopy, coreCopy, isTensor } from "./brand";
export { backward, isRecording, needsGrad, noGrad, record } from "./autograd";
export { gradcheck, type GradcheckOptions, type GradcheckReport, type GradcheckInputReport } from "./gradcheck";
export { add, div, mul, neg, pow, sub, type Operand } from "./ops/arithmetic";
export { abs, exp, log, map, relu, sigmoid, sigmoidScalar, sqrt, tanh } from "./ops/unary";
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
export { type ArenaOptions, type ArenaStats, arenaStats, configureArena, freeWasmArray, isWasmArray, wasmArray } from "./backend/arena";
export { gemmPacked, packB, packedLength, panelWidth } from "./backend/packedGemm";
export { sigmoidKernel, tanhKernel } from "./backend/activations";
export { lstmBackwardKernel, lstmForwardKernel } from "./backend/lstmKernels";
export { gruBackwardKernel, gruForwardKernel } from "./backend/gruKernels";
export { columnSumsKernel } from "./backend/columnSums";
