import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  bin: Record<string, string>;
  type: string;
};

// The runtime stack chosen in shared docs/stack.md, with the majors that still run on Node 20, minus what no
// code uses yet (consola, p-retry; @huggingface/tokenizers arrives with the dataset builder's tokenizer).
// tsx is a runtime dependency because bin/hrm-lcb.js runs the TypeScript sources through it.
const RUNTIME_MAJORS: Record<string, number | null> = {
  commander: 14,
  zod: 4,
  'cli-progress': null,
  hyparquet: null,
  'hyparquet-compressors': null,
  fflate: null,
  openai: 6,
  'p-limit': 7,
  uplot: null,
  tsx: null,
};

it('runtime dependencies are exactly the chosen stack, with Node-20-compatible majors pinned', () => {
  assert.deepEqual(Object.keys(pkg.dependencies).sort(), Object.keys(RUNTIME_MAJORS).sort());
  for (const [name, major] of Object.entries(RUNTIME_MAJORS)) {
    if (major === null) continue;
    assert.match(
      pkg.dependencies[name] ?? '',
      new RegExp(`^\\^${major}\\.`),
      `${name} must stay on major ${major}`,
    );
  }
  assert.match(pkg.devDependencies.typescript ?? '', /^~5\.9/);
});

it('is an ESM package with the hrm-lcb bin', () => {
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.bin['hrm-lcb'], 'bin/hrm-lcb.js');
});
