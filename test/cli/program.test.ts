import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { defineCommand, defineGroup, flag } from '../../src/cli/define.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { EXIT, InputError } from '../../src/core/errors.ts';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  return { stream, text: () => text };
}

const seen: unknown[] = [];
const info = defineCommand({
  name: 'info',
  summary: 'test command',
  args: [{ name: 'ID', description: 'an id' }],
  flags: {
    releaseVersion: flag({
      name: 'release-version',
      aliases: ['release_version'],
      description: 'release',
      value: 'V',
      schema: z.string().default('release_latest'),
      defaultText: 'release_latest',
    }),
    n: flag({
      name: 'num-samples',
      aliases: ['n'],
      description: 'samples',
      value: 'N',
      schema: z.coerce.number().int().positive().default(10),
    }),
    json: flag({ name: 'json', description: 'json', schema: z.boolean().default(false) }),
  },
  run: ({ flags, args, stdout }) => {
    seen.push({ flags, args });
    stdout.write('ran\n');
    if (args[0] === 'bad-file')
      throw new InputError('x.jsonl', 'invalid JSON', { line: 3, field: 'difficulty' });
    return args[0] === 'fail' ? EXIT.checkFailed : undefined;
  },
});
const registry = [defineGroup({ name: 'data', summary: 'data commands', commands: [info] })];

async function run(argv: string[]) {
  const out = capture();
  const err = capture();
  seen.length = 0;
  const code = await runCli(argv, registry, { stdout: out.stream, stderr: err.stream }, '0.0.0');
  return { code, stdout: out.text(), stderr: err.text(), seen: [...seen] };
}

describe('cli program', () => {
  it('parses flags through their schemas and applies defaults', async () => {
    const result = await run(['data', 'info', 'abc', '--num-samples', '5']);
    assert.equal(result.code, 0);
    assert.deepEqual(result.seen, [
      { flags: { releaseVersion: 'release_latest', n: 5, json: false }, args: ['abc'] },
    ]);
  });

  it('accepts LCB underscore aliases', async () => {
    const result = await run(['data', 'info', '--release_version', 'release_v2', '--n', '3', '--json']);
    assert.equal(result.code, 0);
    assert.deepEqual(result.seen, [{ flags: { releaseVersion: 'release_v2', n: 3, json: true }, args: [] }]);
  });

  it('rejects a flag given under two spellings', async () => {
    const result = await run(['data', 'info', '--release_version', 'a', '--release-version', 'b']);
    assert.equal(result.code, EXIT.usage);
    assert.match(result.stderr, /--release-version and --release_version are the same flag/);
  });

  it('names the flag and the value on a bad value, without a stack', async () => {
    const result = await run(['data', 'info', '--num-samples', 'zero']);
    assert.equal(result.code, EXIT.usage);
    assert.match(result.stderr, /--num-samples: .*got "zero"/);
    assert.doesNotMatch(result.stderr, /at .*\.ts:\d+/);
    assert.deepEqual(result.seen, []);
  });

  it('maps unknown options to the usage exit code', async () => {
    const result = await run(['data', 'info', '--nope']);
    assert.equal(result.code, EXIT.usage);
    assert.match(result.stderr, /unknown option '--nope'/);
  });

  it('returns the command exit code and reports input errors with file, line and field', async () => {
    assert.equal((await run(['data', 'info', 'fail'])).code, EXIT.checkFailed);
    const bad = await run(['data', 'info', 'bad-file']);
    assert.equal(bad.code, EXIT.input);
    assert.equal(bad.stderr, 'hrm-lcb: error: x.jsonl:3: field difficulty: invalid JSON\n');
  });

  it('treats a group without a subcommand as a usage error and --help as success', async () => {
    assert.equal((await run(['data'])).code, EXIT.usage);
    const help = await run(['data', 'info', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--release-version <V>\s+release \(default: release_latest\)/);
    assert.doesNotMatch(help.stdout, /--release_version/);
  });
});
