/**
 * The tensor engine's public API. Two levels:
 * - tensor-level ops (`linearForward`, `addRmsnormForward`, `attentionForward`, ...) take `Tensor`s, check
 *   shapes and call the active backend;
 * - `kernels()` is the active backend's raw kernel table (Float32Array + dims), for hot loops that have
 *   already checked their shapes.
 * Buffers are always owned and preallocated by the caller; see src/tensor/README.md.
 */
export {
  BACKEND_ENV,
  type Backend,
  type BackendName,
  backend,
  describeBackend,
  kernels,
  nativeBackend,
  nativeLoadError,
  setThreads,
  useBackend,
} from './backend.ts';
export { erf, erfinv, truncNormal } from './init.ts';
export { IGNORE_LABEL_ID, type KernelSignatures, type Kernels, OP_NAMES, type OpName } from './kernels.ts';
export {
  addRmsnormForward,
  attentionBackward,
  attentionForward,
  mlpForward,
  type RopeTables,
  rmsnormBackward,
  ropeBackward,
  ropeForward,
  softmaxBackward,
  softmaxForward,
  swigluBackward,
  swigluForward,
} from './ops/blocks.ts';
export { add, axpy, fromBf16, mul, scale, sigmoid, toBf16 } from './ops/elementwise.ts';
export { embeddingBackward, embeddingForward } from './ops/embedding.ts';
export { type LinearGrads, linearBackward, linearForward, type MatmulOptions, matmul } from './ops/linear.ts';
export {
  bceWithLogitsBackward,
  bceWithLogitsForward,
  type CrossEntropyKind,
  crossEntropyBackward,
  crossEntropyForward,
} from './ops/losses.ts';
export { type AdamAtan2Step, adamAtan2Update } from './ops/optim.ts';
export { Rng } from './random.ts';
export { referenceKernels } from './reference/index.ts';
export { ropeTables } from './rope-tables.ts';
export { contiguousStrides, type FloatArray, fromArray, Tensor, zeros, zeros64 } from './tensor.ts';
