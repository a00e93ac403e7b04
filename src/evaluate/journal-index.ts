/**
 * Where each sample's latest journal row is, in a compact form: per (scenario, problem), typed arrays indexed
 * by sample (offset, length, line, grading ms, status). A run of 100,000 samples then costs a few MB of index
 * instead of one keyed object per sample, which keeps the evaluator's retained heap (and with it V8's
 * garbage-collection threshold and the process's peak RSS) small.
 */
import type { JournalRow } from '../contracts/journal.ts';

/** Where a row is and its outcome. */
export interface IndexedRow {
  offset: number;
  length: number;
  line: number;
  status: JournalRow['status'];
  passed: boolean;
  /** code execution: LCB did not grade the prediction (it contains the call) */
  skipped?: boolean;
  /** grading time of the row, ms (longest-first scheduling of a resumed run uses it) */
  gradeMs: number;
}

const MISSING = 0;
const FAILED = 1;
const PASSED = 2;
const ERROR = 3;
const SKIPPED = 4;

class UnitRows {
  status = new Uint8Array(4);
  offset = new Float64Array(4);
  length = new Uint32Array(4);
  line = new Float64Array(4);
  gradeMs = new Float32Array(4);

  ensure(sample: number): void {
    if (sample < this.status.length) return;
    let size = this.status.length;
    while (size <= sample) size *= 2;
    const grow = <T extends Uint8Array | Float64Array | Uint32Array | Float32Array>(
      old: T,
      make: (n: number) => T,
    ): T => {
      const next = make(size);
      next.set(old as never);
      return next;
    };
    this.status = grow(this.status, (n) => new Uint8Array(n));
    this.offset = grow(this.offset, (n) => new Float64Array(n));
    this.length = grow(this.length, (n) => new Uint32Array(n));
    this.line = grow(this.line, (n) => new Float64Array(n));
    this.gradeMs = grow(this.gradeMs, (n) => new Float32Array(n));
  }
}

function unitKey(scenario: string, problemId: string): string {
  return `${scenario}\u0000${problemId}`;
}

/** The latest row of every sample of a journal. */
export class JournalIndex {
  private readonly rows = new Map<string, UnitRows>();
  private count = 0;
  /** the largest line number indexed */
  lastLine = 0;

  /** samples indexed */
  get size(): number {
    return this.count;
  }

  /** Record (or replace) the row of a sample. */
  set(scenario: string, problemId: string, sample: number, row: IndexedRow): void {
    const key = unitKey(scenario, problemId);
    let unit = this.rows.get(key);
    if (unit === undefined) {
      unit = new UnitRows();
      this.rows.set(key, unit);
    }
    unit.ensure(sample);
    if (unit.status[sample] === MISSING) this.count += 1;
    unit.status[sample] =
      row.status === 'error' ? ERROR : row.skipped === true ? SKIPPED : row.passed ? PASSED : FAILED;
    unit.offset[sample] = row.offset;
    unit.length[sample] = row.length;
    unit.line[sample] = row.line;
    unit.gradeMs[sample] = row.gradeMs;
    this.lastLine = Math.max(this.lastLine, row.line);
  }

  /** Whether the sample has a row. */
  has(scenario: string, problemId: string, sample: number): boolean {
    const unit = this.rows.get(unitKey(scenario, problemId));
    return unit !== undefined && sample < unit.status.length && unit.status[sample] !== MISSING;
  }

  /** The sample's row, if any. */
  get(scenario: string, problemId: string, sample: number): IndexedRow | undefined {
    const unit = this.rows.get(unitKey(scenario, problemId));
    if (unit === undefined || sample >= unit.status.length) return undefined;
    const status = unit.status[sample]!;
    if (status === MISSING) return undefined;
    return {
      offset: unit.offset[sample]!,
      length: unit.length[sample]!,
      line: unit.line[sample]!,
      status: status === ERROR ? 'error' : 'graded',
      passed: status === PASSED,
      skipped: status === SKIPPED,
      gradeMs: unit.gradeMs[sample]!,
    };
  }

  /** The (scenario, problem) pairs that have rows. */
  *units(): Generator<{ scenario: string; problemId: string }> {
    for (const key of this.rows.keys()) {
      const [scenario = '', problemId = ''] = key.split('\u0000');
      yield { scenario, problemId };
    }
  }

  /** The indexed samples of one problem, in sample order. */
  *samplesOf(scenario: string, problemId: string): Generator<{ sample: number; row: IndexedRow }> {
    const unit = this.rows.get(unitKey(scenario, problemId));
    if (unit === undefined) return;
    for (let sample = 0; sample < unit.status.length; sample += 1) {
      const row = this.get(scenario, problemId, sample);
      if (row !== undefined) yield { sample, row };
    }
  }

  /** Every indexed sample, unit by unit. */
  *entries(): Generator<{ scenario: string; problemId: string; sample: number; row: IndexedRow }> {
    for (const [key, unit] of this.rows) {
      const [scenario = '', problemId = ''] = key.split('\u0000');
      for (let sample = 0; sample < unit.status.length; sample += 1) {
        const row = this.get(scenario, problemId, sample);
        if (row !== undefined) yield { scenario, problemId, sample, row };
      }
    }
  }
}
