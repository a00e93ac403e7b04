import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserError } from '../../src/core/errors.ts';
import { CPU_MARGIN_MS, DEFAULT_LIMITS, MAX_STACK_BYTES, resolveLimits } from '../../src/sandbox/limits.ts';

describe('resolveLimits', () => {
  it('returns the base when nothing is overridden', () => {
    assert.deepEqual(resolveLimits(DEFAULT_LIMITS, undefined), DEFAULT_LIMITS);
    assert.deepEqual(resolveLimits(DEFAULT_LIMITS, {}), DEFAULT_LIMITS);
  });

  it('lets the CPU limit follow an overridden wall limit unless it is given too', () => {
    assert.equal(resolveLimits(DEFAULT_LIMITS, { wallMs: 2000 }).cpuMs, 2000 + CPU_MARGIN_MS);
    assert.equal(resolveLimits(DEFAULT_LIMITS, { wallMs: 2000, cpuMs: 500 }).cpuMs, 500);
    assert.equal(resolveLimits(DEFAULT_LIMITS, { memoryBytes: 1 << 30 }).cpuMs, DEFAULT_LIMITS.cpuMs);
  });

  it('ignores keys given as undefined', () => {
    assert.equal(resolveLimits(DEFAULT_LIMITS, { wallMs: undefined }).wallMs, DEFAULT_LIMITS.wallMs);
  });

  it('rejects bad values with a UserError naming each bad field', () => {
    assert.throws(
      () => resolveLimits(DEFAULT_LIMITS, { wallMs: 0, stackBytes: MAX_STACK_BYTES + 1 }),
      (error: unknown) =>
        error instanceof UserError && /wallMs/.test(error.message) && /stackBytes/.test(error.message),
    );
    assert.throws(() => resolveLimits(DEFAULT_LIMITS, { memoryBytes: 1024 }), /memoryBytes/);
    assert.throws(() => resolveLimits(DEFAULT_LIMITS, { processes: 2.5 }), /processes/);
  });

  it('rejects unknown limit names', () => {
    assert.throws(() => resolveLimits(DEFAULT_LIMITS, { wallMS: 5 } as never), /wallMS|unrecognized/i);
  });
});
