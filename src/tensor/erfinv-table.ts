/**
 * A fast approximation of `erfinv` (init.ts) for bulk sampling: piecewise Chebyshev interpolation of degree
 * 7 on 2048 equal pieces of [−0.99, 0.99], built once from the exact `erfinv`. Its distance from the exact
 * function is below ERFINV_TABLE_ERROR_BOUND everywhere on the covered range (about 1e-15 in practice; the
 * bound leaves four decades of margin and test/tensor/init.test.ts measures it on a dense grid), so a
 * caller can decide when the approximation already fixes a float32 result and when it must call the
 * exact function (truncNormal does; its values stay bit for bit those of the exact path).
 */

/** |approx(y) − erfinv(y)| stays below this for |y| ≤ ERFINV_TABLE_RANGE */
export const ERFINV_TABLE_ERROR_BOUND = 1e-11;
/** the table covers [−ERFINV_TABLE_RANGE, ERFINV_TABLE_RANGE] (erfinv(0.99) ≈ 1.82, i.e. ±2.58σ) */
export const ERFINV_TABLE_RANGE = 0.99;

const PIECES = 2048;
const DEGREE = 7;
const NODES = DEGREE + 1;
const HALF_WIDTH = ERFINV_TABLE_RANGE / PIECES; // pieces are 2·HALF_WIDTH wide

/** Chebyshev coefficients of each piece, NODES per piece. */
export class ErfinvTable {
  private readonly coeffs = new Float64Array(PIECES * NODES);

  /** builds the pieces from `exact` at Chebyshev nodes (16,384 evaluations, a few milliseconds) */
  constructor(exact: (y: number) => number) {
    const values = new Float64Array(NODES);
    for (let piece = 0; piece < PIECES; piece++) {
      const center = -ERFINV_TABLE_RANGE + (2 * piece + 1) * HALF_WIDTH;
      for (let m = 0; m < NODES; m++) {
        values[m] = exact(center + HALF_WIDTH * Math.cos((Math.PI * (m + 0.5)) / NODES));
      }
      for (let n = 0; n < NODES; n++) {
        let sum = 0;
        for (let m = 0; m < NODES; m++) sum += values[m]! * Math.cos((Math.PI * n * (m + 0.5)) / NODES);
        this.coeffs[piece * NODES + n] = ((n === 0 ? 1 : 2) / NODES) * sum;
      }
    }
  }

  /** erfinv(y) within ERFINV_TABLE_ERROR_BOUND, or NaN when |y| > ERFINV_TABLE_RANGE */
  approx(y: number): number {
    const position = (y + ERFINV_TABLE_RANGE) * (PIECES / (2 * ERFINV_TABLE_RANGE));
    if (!(position >= 0 && position < PIECES)) return Number.NaN;
    const piece = position | 0;
    const t = 2 * (position - piece) - 1; // y mapped to [−1, 1] within its piece
    const c = this.coeffs;
    const k = piece * NODES;
    // Clenshaw's recurrence for Σ c_n T_n(t), n = 0..7, unrolled
    const t2 = 2 * t;
    let b1 = c[k + 7]!;
    let b2 = 0;
    let b0 = c[k + 6]! + t2 * b1;
    b2 = b1;
    b1 = b0;
    for (let n = 5; n >= 1; n--) {
      b0 = c[k + n]! + t2 * b1 - b2;
      b2 = b1;
      b1 = b0;
    }
    return c[k]! + t * b1 - b2;
  }
}
