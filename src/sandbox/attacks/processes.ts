/**
 * Process attacks: fork bomb, a busy loop that swallows every exception plus a forked sleeper, a setsid
 * double-fork daemon, killing the parent and other slots, tampering with the server's limits, reading
 * the server's memory.
 */
import { isAlive, runProcessesUnder } from '../host-processes.ts';
import { type Attack, type AttackContext, describeRun, judge, program, reported } from './attack.ts';

/** Run processes still alive in any slot, as seen from the host. */
function leftovers(context: AttackContext): number[] {
  return context.sandbox
    .serverPids()
    .flatMap((pids) => pids.flatMap((pid) => runProcessesUnder(pid, context.sandbox.mode)));
}

const FORK_BOMB = `
import os, time
forked = 0
for _ in range(P["attempts"]):
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        time.sleep(60)
        os._exit(0)
    forked += 1
print(json.dumps(forked))
`;

/** Fork up to 2000 sleeping children. */
export const forkBombAttack: Attack = {
  name: 'fork-bomb',
  summary: 'fork up to 2000 children that sleep',
  async run(context) {
    const attempts = 2000;
    const result = await context.sandbox.run({ source: program({ attempts }, FORK_BOMB) });
    const forked = reported<number>(result);
    const left = leftovers(context);
    return judge(
      [
        [forked !== undefined, `the program did not report: ${describeRun(result)}`],
        [(forked ?? attempts) < attempts, `forked all ${attempts} children`],
        [left.length === 0, `${left.length} processes survived the run`],
      ],
      `stopped after ${forked} forks (RLIMIT_NPROC ${context.sandbox.defaults.processes}); none survived`,
    );
  },
};

const BUSY = `
import os, signal, time
def ignore_all():
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGALRM, signal.SIGXCPU, signal.SIGUSR1):
        signal.signal(s, signal.SIG_IGN)
if os.fork() == 0:
    ignore_all()
    while True:
        try:
            time.sleep(1000)
        except BaseException:
            pass
ignore_all()
while True:
    try:
        while True:
            pass
    except BaseException:
        pass
`;

/** Spin forever, swallowing every exception and signal it can, with a forked sleeper beside it. */
export const busyLoopAttack: Attack = {
  name: 'busy-loop',
  summary: 'a busy loop that catches BaseException, plus a forked sleeper',
  async run(context) {
    const wallMs = 1000;
    const result = await context.sandbox.run({ source: BUSY, limits: { wallMs } });
    const left = leftovers(context);
    return judge(
      [
        [result.status === 'timeout', `expected a timeout: ${describeRun(result)}`],
        [left.length === 0, `${left.length} processes survived the run`],
      ],
      `killed at the ${wallMs} ms wall limit after ${Math.round(result.wallMs)} ms; the sleeper is gone too`,
    );
  },
};

const DAEMON = `
import os, time
r, w = os.pipe()
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.write(w, str(os.getpid()).encode())
        os.closerange(0, 1024)
        os.execv("/usr/bin/sleep", ["sleep", "120"])
    os._exit(0)
os.close(w)
print(json.dumps(os.read(r, 32).decode()))
`;

const COUNT_PROCESSES = `
import os
print(json.dumps(sorted(int(p) for p in os.listdir("/proc") if p.isdigit())))
`;

/** setsid + double fork + exec of a sleeper with every fd closed. */
export const daemonAttack: Attack = {
  name: 'daemon',
  summary: 'setsid double-fork daemon that closes its fds and execs sleep',
  async run(context) {
    const result = await context.sandbox.runOnSlot(0, { source: program({}, DAEMON) });
    const daemon = reported<string>(result);
    const left = leftovers(context);
    const checks: [boolean, string][] = [
      [daemon !== undefined && daemon !== '', `the daemon did not start: ${describeRun(result)}`],
      [left.length === 0, `${left.length} processes survived the run`],
    ];
    if (!context.unsafe) {
      const next = await context.sandbox.runOnSlot(0, { source: program({}, COUNT_PROCESSES) });
      const visible = reported<number[]>(next);
      checks.push([
        visible?.length === 2,
        `the next run sees processes ${JSON.stringify(visible)}, not only [1, itself]`,
      ]);
    }
    return judge(checks, 'the daemon died with the run');
  },
};

const KILL_PARENT = `
import os, signal
report = {}
for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGSTOP):
    try:
        os.kill(os.getppid(), sig)
        report["parent " + sig.name] = "sent"
    except OSError as e:
        report["parent " + sig.name] = e.strerror
if P["everything"]:
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        try:
            with open("/proc/%s/cmdline" % name, "rb") as f:
                cmdline = f.read()
            if any(word in cmdline for word in (b"node", b"hrm", b"python", b"bwrap", b"sleep")):
                os.kill(int(name), signal.SIGKILL)
                report[name] = "sent"
        except OSError:
            pass
    try:
        os.kill(-1, signal.SIGKILL)
        report["kill(-1)"] = "sent"
    except OSError as e:
        report["kill(-1)"] = e.strerror
print(json.dumps(report))
`;

const HELLO = 'print("still here")';

/**
 * Kill the parent (the fork-server), every process whose command line looks like ours, and kill(-1);
 * the slot must keep serving, other slots and a host process of the same uid must be untouched.
 */
export const killParentAttack: Attack = {
  name: 'kill-parent',
  summary: 'kill the parent, every node/python/bwrap process it can see, and kill(-1)',
  async run(context) {
    if (context.unsafe) {
      // kill(-1) and killing by name would hit this user's own processes: only the parent is attacked
      const result = await context.sandbox.runOnSlot(0, {
        source: program({ everything: false }, KILL_PARENT),
      });
      return judge(
        [[result.status !== 'infrastructure-error', `the fork-server was killed: ${describeRun(result)}`]],
        'the parent survived',
      );
    }
    const before = context.sandbox.serverPids();
    const result = await context.sandbox.runOnSlot(0, { source: program({ everything: true }, KILL_PARENT) });
    const after = context.sandbox.serverPids();
    const next = await Promise.all(
      Array.from({ length: context.sandbox.slots }, (_, slot) =>
        context.sandbox.runOnSlot(slot, { source: HELLO }),
      ),
    );
    return judge(
      [
        [result.status === 'exited', `the attack run ended badly: ${describeRun(result)}`],
        [JSON.stringify(before) === JSON.stringify(after), 'a fork-server was replaced'],
        [next.every((r) => r.stdout === 'still here\n'), 'a slot failed its next run'],
        [isAlive(context.victimPid), 'a host process with the same uid was killed'],
      ],
      'every fork-server and the host process survived; every slot runs the next program',
    );
  },
};

const TAMPER = `
import os, resource
report = {}
for which, value in ((resource.RLIMIT_CPU, 1), (resource.RLIMIT_NOFILE, 4), (resource.RLIMIT_AS, 1 << 24)):
    try:
        resource.prlimit(os.getppid(), which, (value, value))
        report[str(which)] = "lowered"
    except OSError as e:
        report[str(which)] = e.strerror
try:
    os.setpriority(os.PRIO_PROCESS, os.getppid(), 19)
    report["priority"] = "lowered"
except OSError as e:
    report["priority"] = e.strerror
print(json.dumps(report))
`;

/** Lower the fork-server's own limits and priority with prlimit/setpriority (allowed for the same uid). */
export const tamperServerAttack: Attack = {
  name: 'tamper-server',
  summary: "lower the fork-server's CPU, file and memory limits and its priority",
  async run(context) {
    const result = await context.sandbox.runOnSlot(0, { source: program({}, TAMPER) });
    const report = reported<Record<string, string>>(result);
    const next = await context.sandbox.runOnSlot(0, { source: HELLO });
    const lowered = Object.entries(report ?? {}).filter(([, what]) => what === 'lowered');
    return judge(
      [
        [report !== undefined, `the program did not report: ${describeRun(result)}`],
        [next.stdout === 'still here\n', `the next run failed: ${describeRun(next)}`],
      ],
      lowered.length === 0
        ? `denied (${report?.priority ?? '?'})`
        : `lowered ${lowered.length} setting(s); the server was replaced before the next run`,
    );
  },
};

const PEEK = `
import ctypes, os
report = {}
parent = os.getppid()
for path in ("/proc/%d/mem" % parent, "/proc/%d/environ" % parent, "/proc/%d/fd/1" % parent, "/proc/%d/maps" % parent):
    try:
        with open(path, "rb") as f:
            f.read(16)
        report[path] = "READ"
    except OSError as e:
        report[path] = e.strerror
libc = ctypes.CDLL(None, use_errno=True)
PTRACE_ATTACH, PTRACE_DETACH = 16, 17
if libc.ptrace(PTRACE_ATTACH, parent, 0, 0) == 0:
    report["ptrace"] = "ATTACHED"
    libc.ptrace(PTRACE_DETACH, parent, 0, 0)
else:
    report["ptrace"] = os.strerror(ctypes.get_errno())
print(json.dumps(report))
`;

/** Read the fork-server's memory, environment and control fds through /proc, and ptrace it. */
export const serverMemoryAttack: Attack = {
  name: 'server-memory',
  summary: "read the fork-server's memory, environment and control pipe through /proc; ptrace it",
  async run(context) {
    const result = await context.sandbox.run({ source: program({}, PEEK) });
    const report = reported<Record<string, string>>(result);
    const got = Object.entries(report ?? {}).filter(([, what]) => what === 'READ' || what === 'ATTACHED');
    return judge(
      [
        [report !== undefined, `the program did not report: ${describeRun(result)}`],
        [got.length === 0, `reached the server: ${got.map(([path]) => path).join(', ')}`],
      ],
      `denied (${report?.ptrace ?? '?'})`,
    );
  },
};
