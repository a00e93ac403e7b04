// Backend selection: HRM_LCB_BACKEND picks the backend (checked in child processes, since the choice is
// made once per process), a bad value is an error, and describeBackend() names what runs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';
import { nativeBackend } from '../../src/tensor/index.ts';

function describeWith(env: Record<string, string>): {
  status: number | null;
  stdout: string;
  stderr: string;
} {
  const code = "import('./src/tensor/index.ts').then((t) => console.log(t.describeBackend()))";
  const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], {
    cwd: new URL('../../', import.meta.url),
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

it('HRM_LCB_BACKEND=ts selects the TypeScript kernels and says so', () => {
  const { status, stdout } = describeWith({ HRM_LCB_BACKEND: 'ts' });
  assert.equal(status, 0);
  assert.match(stdout, /^ts \(pure TypeScript reference kernels, 1 thread\)$/);
});

it('the default is native when the addon loads, with its thread count, BLAS and ISA', () => {
  const { status, stdout } = describeWith({ HRM_LCB_BACKEND: '', HRM_LCB_THREADS: '2' });
  assert.equal(status, 0);
  if (nativeBackend() === undefined) assert.match(stdout, /^ts /);
  else assert.match(stdout, /^native \(2 thread\(s\), OpenBLAS .*kernels (avx512|avx2|generic)\)$/);
});

it('an unknown HRM_LCB_BACKEND value is an error naming the accepted values', () => {
  const { status, stderr } = describeWith({ HRM_LCB_BACKEND: 'cuda' });
  assert.notEqual(status, 0);
  assert.match(stderr, /HRM_LCB_BACKEND=cuda: expected "native", "ts" or "auto"/);
});
