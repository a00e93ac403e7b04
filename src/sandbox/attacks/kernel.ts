/**
 * Kernel attacks: create new namespaces to regain capabilities, and reach kernel interfaces that have
 * carried many privilege escalations (bpf, perf events, userfaultfd, io_uring, keyrings).
 */
import { type Attack, describeRun, judge, program, reported } from './attack.ts';

const UNSHARE = `
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
report = {}
for name, flag in (("user", 0x10000000), ("mount", 0x00020000), ("net", 0x40000000), ("pid", 0x20000000)):
    report[name] = "UNSHARED" if libc.unshare(flag) == 0 else os.strerror(ctypes.get_errno())
print(json.dumps(report))
`;

/** Create new user, mount, network and pid namespaces (the way to regain capabilities inside). */
export const namespaceAttack: Attack = {
  name: 'new-namespace',
  summary: 'create new user, mount, network and pid namespaces to regain capabilities',
  async run(context) {
    const result = await context.sandbox.run({ source: program({}, UNSHARE) });
    const report = reported<Record<string, string>>(result);
    const got = Object.entries(report ?? {}).filter(([, what]) => what === 'UNSHARED');
    return judge(
      [
        [report !== undefined, `the program did not report: ${describeRun(result)}`],
        [got.length === 0, `created namespaces: ${got.map(([name]) => name).join(', ')}`],
      ],
      `denied (user: ${report?.user ?? '?'})`,
    );
  },
};

const SURFACE = `
import ctypes, os, platform
NUMBERS = {
    "x86_64": {"bpf": 321, "perf_event_open": 298, "userfaultfd": 323, "io_uring_setup": 425, "keyctl": 250},
    "aarch64": {"bpf": 280, "perf_event_open": 241, "userfaultfd": 282, "io_uring_setup": 425, "keyctl": 219},
}
libc = ctypes.CDLL(None, use_errno=True)
report = {}
for name, nr in NUMBERS.get(platform.machine(), {}).items():
    result = libc.syscall(nr, 0, 0, 0, 0, 0)
    report[name] = "REACHED" if result >= 0 or ctypes.get_errno() not in (1, 38) else os.strerror(ctypes.get_errno())
print(json.dumps(report))
`;

/** Call bpf, perf_event_open, userfaultfd, io_uring_setup and keyctl. */
export const kernelSurfaceAttack: Attack = {
  name: 'kernel-surface',
  summary: 'call bpf, perf_event_open, userfaultfd, io_uring_setup and keyctl',
  async run(context) {
    const result = await context.sandbox.run({ source: program({}, SURFACE) });
    const report = reported<Record<string, string>>(result);
    const reached = Object.entries(report ?? {}).filter(([, what]) => what === 'REACHED');
    return judge(
      [
        [
          report !== undefined && Object.keys(report).length > 0,
          `no report (or no syscall table for this machine): ${describeRun(result)}`,
        ],
        [reached.length === 0, `reached: ${reached.map(([name]) => name).join(', ')}`],
      ],
      `refused (${Object.keys(report ?? {}).length} interfaces: ${Object.values(report ?? {})[0] ?? '?'})`,
    );
  },
};
