/**
 * The baseline of `bench:grader`: what a simple harness does, one fresh Python interpreter per test
 * (`python3 -I -S -B -c`, no sandbox, no fork-server), each running the same LCB driver on that one test;
 * the host computes the verdict with the same grader and stops at the first failing test, as LCB does.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { GraderMode } from '../../src/contracts/grade.ts';
import {
  type CodegenEvent,
  CodegenGrader,
  type CodegenProblem,
  type CodegenVerdict,
} from '../../src/grade/codegen.ts';
import { driverSource } from '../../src/judge/drivers.ts';
import { decodeCodegenMessage } from '../../src/judge/messages.ts';

const PYTHON = '/usr/bin/python3';
const CHANNEL = readFileSync(new URL('../../src/sandbox/python/hrm_sandbox.py', import.meta.url), 'utf8');
// the sandbox installs `hrm_sandbox` (messages on fd 3); a plain process gets the same module inline
const SOURCE = `import sys as _s, types as _t\n_m = _t.ModuleType("hrm_sandbox")\nexec(${JSON.stringify(CHANNEL)}, _m.__dict__)\n_s.modules["hrm_sandbox"] = _m\n${driverSource('codegen')}`;

function splitFrames(data: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  for (let at = 0; at + 4 <= data.length; ) {
    const length = data.readUInt32BE(at);
    frames.push(data.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return frames;
}

/** Run the driver on one test in a fresh interpreter; resolves to its messages. */
function runOneTest(payload: object, wallMs: number): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, ['-I', '-S', '-B', '-c', SOURCE], {
      stdio: ['pipe', 'ignore', 'ignore', 'pipe'],
      env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' },
      detached: true,
    });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), wallMs);
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(splitFrames(Buffer.concat(chunks)));
    });
    child.stdin!.end(JSON.stringify(payload));
  });
}

/** Grade one generation with one interpreter per test. */
export async function gradePerTest(
  problem: CodegenProblem,
  code: string,
  mode: GraderMode,
  timeoutSeconds: number,
): Promise<CodegenVerdict> {
  const grader = new CodegenGrader(problem, mode);
  for (let index = 0; index < grader.testCount; index += 1) {
    const payload = {
      preload: [],
      code,
      fn_name: problem.fnName,
      inputs: [problem.inputs[index]],
      tests: 1,
      timeout: timeoutSeconds,
      mode,
    };
    const messages = await runOneTest(payload, (timeoutSeconds + 1) * 1000 + 5000);
    let reported = false;
    for (const bytes of messages) {
      const event: CodegenEvent = decodeCodegenMessage(bytes);
      if (event.event === 'ready' && index > 0) continue; // compiled again for this test
      if (event.event === 'done') continue;
      if (event.event === 'test' || event.event === 'error') {
        reported = true;
        grader.feed({ ...event, index });
      } else grader.feed(event);
      if (grader.decided !== null) return grader.decided;
    }
    if (!reported) return grader.finish({ kind: 'died', timedOut: false, detail: 'the interpreter died' });
  }
  return grader.decided ?? grader.finish({ kind: 'died', timedOut: false, detail: 'no verdict' });
}
