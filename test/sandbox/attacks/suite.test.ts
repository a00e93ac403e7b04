/**
 * The attack suite of issue 4 against the real sandbox, one test per attack. No skip: when bubblewrap
 * cannot create the sandbox on the CI machine, `sharedSandbox()` rejects and every test here fails.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ATTACKS, runAttackSuite } from '../../../src/sandbox/attacks/suite.ts';
import { sharedSandbox } from '../shared-sandbox.ts';

const sandbox = await sharedSandbox();
after(() => sandbox.close());

describe('every attack is contained by the sandbox', () => {
  it('runs in bwrap mode with at least 2 slots', () => {
    assert.equal(sandbox.mode, 'bwrap');
    assert.ok(sandbox.slots >= 2);
  });

  for (const attack of ATTACKS) {
    it(`${attack.name}: ${attack.summary}`, async () => {
      const [report] = await runAttackSuite(sandbox, { only: [attack.name] });
      assert.equal(report?.name, attack.name);
      assert.equal(report?.contained, true, report?.detail);
    });
  }

  it('leaves the sandbox serving normal programs afterwards', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => sandbox.run({ source: `print(${i} * 2)` })),
    );
    assert.deepEqual(
      results.map((r) => r.stdout),
      ['0\n', '2\n', '4\n', '6\n'],
    );
  });
});
