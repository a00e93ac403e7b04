/** Process entry of `hrm-lcb`: wires argv, stdio and signals to `runCli`. */
import { readFileSync } from 'node:fs';
import { EXIT } from '../core/errors.ts';
import { commands } from './commands/index.ts';
import { runCli } from './run-cli.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write(`\nhrm-lcb: ${signal} received, stopping at a safe point (again to force)\n`);
    controller.abort();
  });
}

process.exitCode = await runCli(
  process.argv.slice(2),
  commands,
  { stdout: process.stdout, stderr: process.stderr, signal: controller.signal },
  version,
);
