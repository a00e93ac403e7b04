/**
 * Reference matrix products: plain loops ordered so the innermost loop walks contiguous memory. Row-major
 * like `cblas_sgemm(CblasRowMajor, ...)`, which the native backend calls; the semantics are identical.
 * Accumulation happens in JS numbers (f64), so this is also the precise side of the parity tests.
 */
import type { FloatArray } from '../tensor.ts';

/** C[M,N] = α·op(A)·op(B) + β·C (row-major, row strides lda/ldb/ldc); β = 0 overwrites C. */
export function gemm(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  alpha: number,
  A: FloatArray,
  lda: number,
  B: FloatArray,
  ldb: number,
  beta: number,
  C: FloatArray,
  ldc: number,
): void {
  gemmAt(transA, transB, M, N, K, alpha, A, 0, lda, B, 0, ldb, beta, C, 0, ldc);
}

/** `batch` gemms at A + i·strideA, B + i·strideB, C + i·strideC. */
export function gemmBatched(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  alpha: number,
  A: FloatArray,
  lda: number,
  strideA: number,
  B: FloatArray,
  ldb: number,
  strideB: number,
  beta: number,
  C: FloatArray,
  ldc: number,
  strideC: number,
  batch: number,
): void {
  for (let i = 0; i < batch; i++) {
    gemmAt(
      transA,
      transB,
      M,
      N,
      K,
      alpha,
      A,
      i * strideA,
      lda,
      B,
      i * strideB,
      ldb,
      beta,
      C,
      i * strideC,
      ldc,
    );
  }
}

/** The gemm loops over explicit base offsets (shared by the plain and batched entry points). */
function gemmAt(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  alpha: number,
  A: FloatArray,
  a0: number,
  lda: number,
  B: FloatArray,
  b0: number,
  ldb: number,
  beta: number,
  C: FloatArray,
  c0: number,
  ldc: number,
): void {
  for (let i = 0; i < M; i++) {
    const row = c0 + i * ldc;
    if (beta === 0) C.fill(0, row, row + N);
    else if (beta !== 1) for (let j = 0; j < N; j++) C[row + j]! *= beta;
  }
  if (alpha === 0 || K === 0) return;
  if (!transB) {
    // C[i, :] += α·op(A)[i, k]·B[k, :]: the inner loop streams a row of B into a row of C.
    for (let i = 0; i < M; i++) {
      const row = c0 + i * ldc;
      for (let k = 0; k < K; k++) {
        const a = alpha * A[transA ? a0 + k * lda + i : a0 + i * lda + k]!;
        if (a === 0) continue;
        const bRow = b0 + k * ldb;
        for (let j = 0; j < N; j++) C[row + j]! += a * B[bRow + j]!;
      }
    }
    return;
  }
  // C[i, j] += α·Σ_k op(A)[i, k]·B[j, k]: a dot product with a contiguous row of B.
  for (let i = 0; i < M; i++) {
    const row = c0 + i * ldc;
    for (let j = 0; j < N; j++) {
      const bRow = b0 + j * ldb;
      let sum = 0;
      if (transA) for (let k = 0; k < K; k++) sum += A[a0 + k * lda + i]! * B[bRow + k]!;
      else {
        const aRow = a0 + i * lda;
        for (let k = 0; k < K; k++) sum += A[aRow + k]! * B[bRow + k]!;
      }
      C[row + j]! += alpha * sum;
    }
  }
}
