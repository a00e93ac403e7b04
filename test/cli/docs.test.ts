import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { commands } from '../../src/cli/commands/index.ts';
import { renderCliDocs } from '../../src/cli/docs.ts';

it('docs/cli.md is generated from the current flag tables (run `npm run docs:cli` to refresh)', () => {
  const committed = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');
  assert.equal(committed, renderCliDocs(commands));
});
