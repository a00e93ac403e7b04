import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bwrapArgs, SANDBOX_ENV } from '../../src/sandbox/bwrap.ts';

const plan = { tmpBytes: 1000, shmBytes: 200, command: ['/usr/bin/python3', '-c', 'pass'] };

function after(args: string[], option: string): string[][] {
  const found: string[][] = [];
  args.forEach((arg, i) => {
    if (arg === option) found.push(args.slice(i + 1, i + 3));
  });
  return found;
}

describe('bwrapArgs', () => {
  const args = bwrapArgs(plan, () => true);

  it('unshares every namespace, forbids nested user namespaces and makes the command pid 1', () => {
    for (const flag of [
      '--unshare-all',
      '--unshare-user',
      '--disable-userns',
      '--die-with-parent',
      '--new-session',
      '--as-pid-1',
      '--clearenv',
    ]) {
      assert.ok(args.includes(flag), flag);
    }
    assert.ok(!args.includes('--share-net'));
  });

  it('binds only /usr and the two loader files, read-only, and nothing writable from the host', () => {
    assert.deepEqual(after(args, '--ro-bind'), [
      ['/usr', '/usr'],
      ['/etc/ld.so.cache', '/etc/ld.so.cache'],
      ['/etc/alternatives', '/etc/alternatives'],
    ]);
    assert.deepEqual(after(args, '--bind'), []);
    assert.deepEqual(after(args, '--dev-bind'), []);
  });

  it('skips loader files the host does not have', () => {
    const none = bwrapArgs(plan, (path) => path === '/usr');
    assert.deepEqual(after(none, '--ro-bind'), [['/usr', '/usr']]);
  });

  it('caps /tmp and /dev/shm and makes / and /dev read-only after every mount', () => {
    assert.deepEqual(after(args, '--size'), [
      ['200', '--tmpfs'],
      ['1000', '--tmpfs'],
    ]);
    const remounts = after(args, '--remount-ro').map(([path]) => path);
    assert.deepEqual(remounts, ['/dev', '/']);
    const lastMount = Math.max(args.lastIndexOf('--tmpfs'), args.lastIndexOf('--ro-bind'));
    assert.ok(args.lastIndexOf('--remount-ro') > lastMount);
  });

  it('sets exactly the sandbox environment and ends with the command', () => {
    const env = Object.fromEntries(after(args, '--setenv').map(([k, v]) => [k, v]));
    assert.deepEqual(env, SANDBOX_ENV);
    assert.deepEqual(args.slice(args.indexOf('--') + 1), plan.command);
  });
});
