import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CodegenGrader,
  type CodegenProblem,
  globalTimeoutSeconds,
  TEST_RUNNER_ERROR,
} from '../../src/grade/codegen.ts';
import { PyNdarray, PyTuple } from '../../src/python/value.ts';

const stdin: CodegenProblem = { fnName: null, inputs: ['1', '2', '3'], outputs: ['1\n', '2\n', '3\n'] };
const functional: CodegenProblem = { fnName: 'f', inputs: ['1', '2'], outputs: ['[1, 2]', '3'] };
const died = { kind: 'died' as const, timedOut: true, detail: 'the run passed its whole-run time limit' };

describe('CodegenGrader (stdin)', () => {
  it('passes when every test matches, with the summed execution time', () => {
    const g = new CodegenGrader(stdin, 'lcb');
    g.feed({ event: 'ready' });
    g.feed({ event: 'test', index: 0, seconds: 0.5, stdout: '1\n' });
    g.feed({ event: 'test', index: 1, seconds: 0.25, stdout: '2' });
    assert.equal(g.feed({ event: 'test', index: 2, seconds: 0.25, stdout: ' 3 ' }), 'stop');
    assert.deepEqual(g.decided, { results: [true, true, true], metadata: { 'execution time': 1 } });
  });

  it('stops at the first wrong answer with LCB metadata', () => {
    const g = new CodegenGrader(stdin, 'lcb');
    g.feed({ event: 'ready' });
    g.feed({ event: 'test', index: 0, seconds: 0, stdout: '1\n' });
    assert.equal(g.feed({ event: 'test', index: 1, seconds: 0, stdout: '7\n' }), 'stop');
    assert.deepEqual(g.decided, {
      results: [true, -2],
      metadata: {
        output: '7\n',
        inputs: '2',
        expected: '2\n',
        error_code: -2,
        error_message: 'Wrong answer at output_line_idx=0: 7 != 2',
      },
    });
  });

  it('classifies errors by "timeoutexception" in the repr', () => {
    const g = new CodegenGrader(stdin, 'lcb');
    g.feed({ event: 'ready' });
    g.feed({ event: 'error', index: 0, repr: 'TimeoutException()' });
    assert.deepEqual(g.decided?.results, [-3]);
    assert.equal(g.decided?.metadata.error_message, 'Time Limit Exceeded');
  });

  it('a compile error is [-4] "Error during testing: ..." without test metadata', () => {
    const g = new CodegenGrader(stdin, 'lcb');
    g.feed({ event: 'setup_error', message: "'(' was never closed (<string>, line 1)" });
    assert.deepEqual(g.decided, {
      results: [-4],
      metadata: {
        error_code: -4,
        error_message: "Error during testing: '(' was never closed (<string>, line 1)",
      },
    });
  });

  it('a run that dies without a verdict is [-2] TestRunnerError in lcb mode', () => {
    const g = new CodegenGrader(stdin, 'lcb');
    g.feed({ event: 'ready' });
    g.feed({ event: 'test', index: 0, seconds: 0, stdout: '1' });
    assert.deepEqual(g.finish(died), { results: [-2], metadata: TEST_RUNNER_ERROR });
  });

  it('--grader fixed blames the running test: passes so far, then -3 for a time-out', () => {
    const g = new CodegenGrader(stdin, 'fixed');
    g.feed({ event: 'ready' });
    g.feed({ event: 'test', index: 0, seconds: 0, stdout: '1' });
    const verdict = g.finish(died);
    assert.deepEqual(verdict.results, [true, -3]);
    assert.equal(verdict.metadata.inputs, '2');
  });

  it('a report out of order breaks the protocol: never a pass', () => {
    const g = new CodegenGrader(stdin, 'lcb');
    g.feed({ event: 'ready' });
    assert.equal(g.feed({ event: 'test', index: 1, seconds: 0, stdout: '2' }), 'stop');
    assert.deepEqual(g.decided?.results, [-2]);
    const early = new CodegenGrader(stdin, 'fixed');
    early.feed({ event: 'ready' });
    early.feed({ event: 'done' });
    assert.deepEqual(early.decided?.results, [-4]);
  });

  it('zero tests pass at ready; the whole-run limit is (timeout+1)*n+5', () => {
    const g = new CodegenGrader({ fnName: null, inputs: [], outputs: [] }, 'lcb');
    assert.equal(g.feed({ event: 'ready' }), 'stop');
    assert.deepEqual(g.decided, { results: [], metadata: { 'execution time': 0 } });
    assert.equal(globalTimeoutSeconds(6, 10), 75);
  });
});

describe('CodegenGrader (functional)', () => {
  it('converts nothing itself: a returned tuple is unequal to a list (the driver converts top-level tuples)', () => {
    const g = new CodegenGrader(functional, 'lcb');
    g.feed({ event: 'ready' });
    g.feed({ event: 'test', index: 0, seconds: 0, value: new PyTuple([1n, 2n]), args: '[1]' });
    assert.deepEqual(g.decided, {
      results: [false],
      metadata: {
        output: '(1, 2)',
        inputs: '[1]',
        expected: '[1, 2]',
        error_code: -2,
        error_message: 'Wrong Answer',
      },
    });
  });

  it('stores False for a wrong answer in lcb mode and -2 in fixed mode', () => {
    for (const [mode, entry] of [
      ['lcb', false],
      ['fixed', -2],
    ] as const) {
      const g = new CodegenGrader(functional, mode);
      g.feed({ event: 'ready' });
      g.feed({ event: 'test', index: 0, seconds: 0, value: [1n, 2n], args: '[1]' });
      g.feed({ event: 'test', index: 1, seconds: 0, value: 4n, args: '[2]' });
      assert.deepEqual(g.decided?.results, [true, entry]);
    }
  });

  it('an expected output that is not JSON fails the generation after compile, as upstream parses it', () => {
    const g = new CodegenGrader({ fnName: 'f', inputs: ['1'], outputs: ['1\n'] }, 'lcb');
    assert.equal(g.feed({ event: 'ready' }), 'continue');
    const bad = new CodegenGrader({ fnName: 'f', inputs: ['1'], outputs: ['[1,'] }, 'lcb');
    bad.feed({ event: 'ready' });
    assert.deepEqual(bad.decided, {
      results: [-4],
      metadata: {
        error_code: -4,
        error_message: 'Error during testing: Expecting value: line 1 column 4 (char 3)',
      },
    });
  });

  it('a numpy array result stores its first element, then -4 for the ambiguous truth value', () => {
    const g = new CodegenGrader({ fnName: 'f', inputs: ['1'], outputs: ['[1, 2]'] }, 'lcb');
    g.feed({ event: 'ready' });
    g.feed({
      event: 'test',
      index: 0,
      seconds: 0,
      value: new PyNdarray([2], [1n, 2n], 'array([1, 2])', '[1 2]'),
      args: '[1]',
    });
    assert.deepEqual(g.decided?.results, [true, -4]);
    assert.match(String(g.decided?.metadata.error), /truth value of an array/);
  });
});
