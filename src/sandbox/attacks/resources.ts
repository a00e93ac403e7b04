/** Resource attacks: allocate 8 GiB, and flood stdout, stderr and the message channel with 1 GiB each. */
import { type Attack, describeRun, judge, program, reported } from './attack.ts';

const MIB = 1024 * 1024;

const ALLOCATE = `
report = {"one_shot": "failed", "stepped_mib": 0}
try:
    block = b"x" * (8 << 30)
    report["one_shot"] = "ALLOCATED"
    del block
except MemoryError:
    pass
blocks = []
try:
    while report["stepped_mib"] < 8192:
        blocks.append(b"x" * (64 << 20))
        report["stepped_mib"] += 64
except MemoryError:
    pass
del blocks
print(json.dumps(report))
`;

/** Allocate 8 GiB at once, then in 64 MiB steps up to 8 GiB, under a 512 MiB limit. */
export const memoryAttack: Attack = {
  name: 'memory',
  summary: 'allocate 8 GiB at once, then in 64 MiB steps, under a 512 MiB limit',
  async run(context) {
    const memoryBytes = 512 * MIB;
    const result = await context.sandbox.run({ source: program({}, ALLOCATE), limits: { memoryBytes } });
    const report = reported<{ one_shot: string; stepped_mib: number }>(result);
    const stepped = report?.stepped_mib ?? 0;
    return judge(
      [
        [report !== undefined, `the program did not report: ${describeRun(result)}`],
        [report?.one_shot !== 'ALLOCATED', 'allocated 8 GiB'],
        [stepped * MIB < memoryBytes, `allocated ${stepped} MiB, over the 512 MiB limit`],
      ],
      `MemoryError; at most ${stepped} MiB allocated under the 512 MiB limit`,
    );
  },
};

const FLOOD = `
import os, sys
chunk = "x" * (1 << 20)
if P["stream"] == "messages":
    import hrm_sandbox
    data = chunk.encode()
    for _ in range(1024):
        hrm_sandbox.emit(data)
else:
    stream = sys.stdout if P["stream"] == "stdout" else sys.stderr
    for _ in range(1024):
        stream.write(chunk)
    stream.flush()
os.write(2, b"FINISHED")
`;

/** Write 1 GiB to stdout, to stderr and through `hrm_sandbox.emit`; each must be cut at its cap. */
export const outputFloodAttack: Attack = {
  name: 'output-flood',
  summary: 'write 1 GiB to stdout, to stderr and to the message channel',
  async run(context) {
    const caps = context.sandbox.defaults;
    const runs = await Promise.all(
      (['stdout', 'stderr', 'messages'] as const).map(async (stream) => ({
        stream,
        result: await context.sandbox.run({ source: program({ stream }, FLOOD) }),
      })),
    );
    const checks: [boolean, string][] = [];
    for (const { stream, result } of runs) {
      const kept =
        stream === 'stdout'
          ? Buffer.byteLength(result.stdout)
          : stream === 'stderr'
            ? Buffer.byteLength(result.stderr)
            : result.messages.reduce((sum, m) => sum + m.length + 4, 0);
      const cap =
        stream === 'stdout' ? caps.stdoutBytes : stream === 'stderr' ? caps.stderrBytes : caps.messageBytes;
      checks.push([
        result.status === 'output-capped',
        `${stream}: expected output-capped, ${describeRun(result)}`,
      ]);
      checks.push([kept <= cap, `${stream}: kept ${kept} bytes, over the ${cap}-byte cap`]);
      checks.push([!result.stderr.includes('FINISHED'), `${stream}: the flood ran to the end`]);
    }
    const seconds = Math.max(...runs.map((r) => r.result.wallMs)) / 1000;
    return judge(
      checks,
      `each stream cut at its cap and the run killed (slowest after ${seconds.toFixed(1)} s)`,
    );
  },
};
