/**
 * The pure-TypeScript backend: the naive reference kernels, one file per op family. It runs on any
 * machine, accepts float64 storage as well (finite-difference gradient checks), and is what the native
 * kernels are compared against in tests.
 */
import type { Kernels } from '../kernels.ts';
import type { FloatArray } from '../tensor.ts';
import { attentionBackward, attentionForward } from './attention.ts';
import { bf16ToF32, f32ToBf16 } from './bf16.ts';
import { add, axpy, biasBackward, mul, scale, sigmoid } from './elementwise.ts';
import { embeddingBackward, embeddingForward } from './embedding.ts';
import { gemm, gemmBatched } from './gemm.ts';
import {
  bceWithLogitsBackward,
  bceWithLogitsForward,
  softmaxCrossEntropyBackward,
  softmaxCrossEntropyForward,
  stablemaxCrossEntropyBackward,
  stablemaxCrossEntropyForward,
} from './losses.ts';
import { mlpForward } from './mlp.ts';
import { addRmsnormForward, rmsnormBackward } from './norm.ts';
import { adamAtan2 } from './optim.ts';
import { ropeBackward, ropeForward } from './rope.ts';
import { softmaxBackward, softmaxForward } from './softmax.ts';
import { swigluBackward, swigluForward } from './swiglu.ts';

/** Every op in plain TypeScript, over float32 or float64 storage. */
export const referenceKernels: Kernels<FloatArray> = {
  gemm,
  gemmBatched,
  add,
  axpy,
  scale,
  mul,
  biasBackward,
  addRmsnormForward,
  rmsnormBackward,
  swigluForward,
  swigluBackward,
  mlpForward,
  ropeForward,
  ropeBackward,
  attentionForward,
  attentionBackward,
  softmaxForward,
  softmaxBackward,
  embeddingForward,
  embeddingBackward,
  stablemaxCrossEntropyForward,
  stablemaxCrossEntropyBackward,
  softmaxCrossEntropyForward,
  softmaxCrossEntropyBackward,
  sigmoid,
  bceWithLogitsForward,
  bceWithLogitsBackward,
  adamAtan2,
  f32ToBf16,
  bf16ToF32,
};
