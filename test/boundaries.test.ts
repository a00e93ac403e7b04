import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

// Which rooms of src/ each room may import (docs/architecture.md). `core` holds shared plumbing
// (errors, atomic writes, JSONL streaming) and imports nothing of ours. `python` holds CPython's value
// semantics (repr/str, ==, literals, json.loads/dumps text, str whitespace, Decimal): graders, prompts,
// models and reports all need them, so they live in one pure room instead of a copy per room.
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  contracts: [],
  tensor: [],
  python: [],
  lcb: ['contracts', 'core'],
  sandbox: ['contracts', 'core'],
  grade: ['contracts', 'core', 'python'],
  judge: ['contracts', 'core', 'sandbox', 'grade', 'lcb', 'python'],
  prompts: ['contracts', 'core', 'python'],
  hrm: ['tensor', 'contracts', 'core'],
  models: ['contracts', 'core', 'hrm', 'prompts', 'lcb', 'python'],
  report: ['contracts', 'core', 'grade', 'python'],
  evaluate: ['contracts', 'core', 'lcb', 'sandbox', 'grade', 'judge', 'prompts', 'models', 'hrm', 'python'],
  build: ['contracts', 'core', 'lcb', 'sandbox', 'grade', 'judge', 'python'],
  train: ['contracts', 'core', 'hrm', 'tensor', 'build', 'evaluate', 'judge', 'lcb'],
  cli: ['*'],
};
// Third-party packages a room may use beyond node: builtins; contracts is zod-only, python uses none.
const PACKAGES_ONLY: Record<string, readonly string[]> = {
  contracts: ['zod'],
  core: ['zod'],
  tensor: [],
  python: [],
};

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g))
    found.push(match[1]!);
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1]!);
  for (const match of text.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) found.push(match[1]!);
  return found;
}

it('every room of src/ imports only the rooms docs/architecture.md allows', () => {
  const violations: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const room = relative(SRC, file).split(sep)[0]!;
    const allowed = ALLOWED[room];
    if (allowed === undefined) {
      violations.push(`${relative(SRC, file)}: room "${room}" is not in the boundary table`);
      continue;
    }
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) {
        const target = relative(SRC, join(file, '..', spec)).split(sep)[0]!;
        if (target !== room && !allowed.includes('*') && !allowed.includes(target)) {
          violations.push(`${relative(SRC, file)} imports ${target}/ (${spec})`);
        }
      } else if (!spec.startsWith('node:')) {
        const onlyPackages = PACKAGES_ONLY[room];
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (onlyPackages !== undefined && !onlyPackages.includes(pkg)) {
          violations.push(`${relative(SRC, file)} imports package ${pkg}`);
        }
      }
    }
  }
  assert.deepEqual(violations, []);
});

it('the sandbox never imports the graders (expected outputs stay out of it)', () => {
  assert.ok(!ALLOWED.sandbox!.includes('grade'));
  assert.ok(!ALLOWED.sandbox!.includes('judge'));
});
