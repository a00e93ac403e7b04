/** Filesystem attacks: write to the host, read host files and the environment, fill the disk, spy on a slot. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunResult } from '../types.ts';
import { type Attack, describeRun, judge, program, reported } from './attack.ts';

const MIB = 1024 * 1024;

/** Delete files an attack may have left on the host (possible only in unsafe mode). */
function removeFromHost(paths: readonly string[]): void {
  for (const path of paths) rmSync(path, { force: true });
}

const WRITE = `
report = {}
for path in P["paths"]:
    try:
        with open(path, "w") as f:
            f.write("written by a sandboxed run")
        report[path] = "WROTE"
    except OSError as e:
        report[path] = e.strerror
print(json.dumps(report))
`;

/** Create files in host /tmp, /var/tmp, /dev/shm, the project directory and the home directory. */
export const hostWriteAttack: Attack = {
  name: 'host-write',
  summary: 'create files in host /tmp, /var/tmp, /dev/shm, the project dir and $HOME',
  async run(context) {
    const name = `hrm-lcb-attack-${context.nonce}`;
    const dirs = [tmpdir(), '/tmp', '/var/tmp', '/dev/shm', context.projectDir, homedir()];
    const paths = [...new Set(dirs)].map((dir) => join(dir, name));
    const result = await context.sandbox.run({ source: program({ paths }, WRITE) });
    const landed = paths.filter((path) => existsSync(path));
    for (const path of landed) rmSync(path, { force: true });
    return judge(
      [
        [reported(result) !== undefined, `the program did not report: ${describeRun(result)}`],
        [landed.length === 0, `files appeared on the host: ${landed.join(', ')}`],
      ],
      `no file reached the host (${paths.length} paths tried)`,
    );
  },
};

const READ = `
import hashlib, os
seen = {}
for path in P["paths"]:
    try:
        if os.path.isdir(path):
            seen[path] = "dir:" + "/".join(sorted(os.listdir(path)))
        else:
            with open(path, "rb") as f:
                seen[path] = "file:" + hashlib.sha256(f.read()).hexdigest()
    except OSError:
        pass
environ = repr(dict(os.environ))
for path in ("/proc/1/environ", "/proc/self/environ", "/proc/%d/environ" % os.getppid()):
    try:
        with open(path, "rb") as f:
            environ += f.read().decode("latin-1")
    except OSError:
        pass
print(json.dumps({"seen": seen, "envSecret": P["envSecret"] in environ}))
`;

/** What the host holds at `path`, in the form the READ program reports; undefined if unreadable. */
function hostFingerprint(path: string): string | undefined {
  try {
    if (statSync(path).isDirectory()) return `dir:${readdirSync(path).sort().join('/')}`;
    return `file:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
  } catch {
    return undefined;
  }
}

/**
 * Read a host secret file, /etc/shadow, the project and the home directory, and Node's environment.
 * A path counts as leaked when what the run saw there is what the host holds (a private /tmp that
 * happens to share a host path's name is not the host's).
 */
export const hostReadAttack: Attack = {
  name: 'host-read',
  summary: "read host files (a secret in /tmp, /etc/shadow, the project, $HOME) and Node's environment",
  async run(context) {
    process.env[context.secretEnvName] = context.secretEnvValue;
    const paths = [
      context.secretFile,
      '/etc/shadow',
      '/etc/passwd',
      '/etc/hostname',
      '/root',
      homedir(),
      context.projectDir,
      join(context.projectDir, 'package.json'),
    ];
    try {
      const result = await context.sandbox.run({
        source: program({ paths, envSecret: context.secretEnvValue }, READ),
      });
      const report = reported<{ seen: Record<string, string>; envSecret: boolean }>(result);
      const leaked = Object.entries(report?.seen ?? {})
        .filter(([path, seen]) => seen === hostFingerprint(path))
        .map(([path]) => path);
      const output = result.stdout + result.stderr;
      return judge(
        [
          [report !== undefined, `the program did not report: ${describeRun(result)}`],
          [leaked.length === 0, `read the host's ${leaked.join(', ')}`],
          [report?.envSecret === false, "Node's environment reached the run"],
          [!output.includes(context.secret), 'the secret file content appeared in the output'],
        ],
        `nothing of the host was readable (${paths.length} paths, 3 environ sources)`,
      );
    } finally {
      delete process.env[context.secretEnvName];
    }
  },
};

const FILL = `
import os
report = {}
chunk = b"\\0" * (1 << 20)
for path, mib in P["targets"]:
    written = 0
    error = None
    try:
        with open(path, "wb") as f:
            for _ in range(mib):
                f.write(chunk)
                written += 1
            f.flush()
    except OSError as e:
        error = e.strerror
    report[path] = {"mib": written, "error": error}
print(json.dumps(report))
`;

const LIST_WRITABLE = `
import os
print(json.dumps({d: sorted(os.listdir(d)) for d in P["dirs"] if os.path.isdir(d)}))
`;

/** Fill the disk through /tmp, /dev/shm and the root directory; the next run must find them empty. */
export const diskFillAttack: Attack = {
  name: 'disk-fill',
  summary: 'write 360 MiB to /tmp, 128 MiB to /dev/shm and 16 MiB to /, then look for leftovers',
  async run(context) {
    const shm = `/dev/shm/hrm-lcb-fill-${context.nonce}`;
    const root = `/hrm-lcb-fill-${context.nonce}`;
    const targets: [string, number][] = [
      ['fill', 360],
      [shm, 128],
      [root, 16],
    ];
    const limits = { fileBytes: 512 * MIB, wallMs: 30_000 };
    const fill = await context.sandbox.runOnSlot(0, { source: program({ targets }, FILL), limits });
    removeFromHost([shm, root]); // only reachable without the sandbox
    const report = reported<Record<string, { mib: number; error: string | null }>>(fill);
    const after = await context.sandbox.runOnSlot(0, {
      source: program({ dirs: ['.', '/dev/shm'] }, LIST_WRITABLE),
    });
    const left = reported<Record<string, string[]>>(after);
    const leftovers = Object.values(left ?? {})
      .flat()
      .filter((name) => name !== 'main.py');
    const tmpMib = report?.fill?.mib ?? 0;
    return judge(
      [
        [report !== undefined, `the program did not report: ${describeRun(fill)}`],
        [tmpMib < 360, `wrote all 360 MiB to the working directory (${tmpMib} MiB)`],
        [(report?.[shm]?.mib ?? 0) < 128, 'wrote all 128 MiB to /dev/shm'],
        [(report?.[root]?.mib ?? 0) === 0, 'wrote to the root directory'],
        [
          left !== undefined && leftovers.length === 0,
          `files survived into the next run: ${leftovers.join(', ')}`,
        ],
      ],
      `stopped at ${tmpMib} MiB (${report?.fill?.error ?? 'no error'}); the next run found its directories empty`,
    );
  },
};

const PLANT = `
import hrm_sandbox, time
for path in P["paths"]:
    with open(path, "w") as f:
        f.write(P["secret"])
hrm_sandbox.emit(b"planted")
time.sleep(P["holdSeconds"])
`;

const SPY = `
import glob, os
hits = []
roots = ["/tmp", "/dev/shm", os.getcwd()]
if os.path.dirname(os.getcwd()) != "/":
    roots.append(os.path.dirname(os.getcwd()))  # unsafe mode: the other slots' directories are siblings
roots += glob.glob("/proc/[0-9]*/root/tmp") + glob.glob("/proc/[0-9]*/cwd")
seen = set()
for root in roots:
    try:
        real = os.path.realpath(root)
    except OSError:
        continue
    if real in seen:
        continue
    seen.add(real)
    for dirpath, _, files in os.walk(root):
        for name in files:
            path = os.path.join(dirpath, name)
            if os.path.realpath(path) == os.path.realpath(__file__):
                continue  # this program's own source holds the secret it looks for
            try:
                with open(path, "rb") as f:
                    if P["secret"].encode() in f.read(1 << 16):
                        hits.append(path)
            except OSError:
                pass
print(json.dumps(hits))
`;

/** Slot 0 plants a secret file and waits; slot 1 searches everything it can reach for it meanwhile. */
export const crossSlotAttack: Attack = {
  name: 'cross-slot',
  summary: "read another slot's files while it runs",
  async run(context) {
    if (context.sandbox.slots < 2) return { contained: false, detail: 'needs a sandbox with 2 slots' };
    const secret = `cross-slot-secret-${context.nonce}`;
    const shm = `/dev/shm/hrm-lcb-planted-${context.nonce}`;
    const holdPlanter = new AbortController();
    let spy: Promise<RunResult> | undefined;
    const planter = context.sandbox.runOnSlot(0, {
      source: program({ paths: ['planted.txt', shm], secret, holdSeconds: 60 }, PLANT),
      limits: { wallMs: 90_000 },
      signal: holdPlanter.signal,
      onMessage: () => {
        spy = context.sandbox.runOnSlot(1, { source: program({ secret }, SPY), limits: { wallMs: 30_000 } });
        void spy.finally(() => holdPlanter.abort());
        return 'continue';
      },
    });
    const planted = await planter;
    const result = spy === undefined ? undefined : await spy;
    removeFromHost([shm]);
    const hits = result === undefined ? undefined : reported<string[]>(result);
    return judge(
      [
        [planted.messages.length === 1, `the planting run did not plant: ${describeRun(planted)}`],
        [
          planted.status === 'stopped',
          `the planting run ended before the spy finished: ${describeRun(planted)}`,
        ],
        [
          hits !== undefined,
          `the spying run did not report: ${result === undefined ? 'never ran' : describeRun(result)}`,
        ],
        [(hits ?? []).length === 0, `slot 1 read slot 0's file: ${(hits ?? []).join(', ')}`],
      ],
      "slot 1 found nothing of slot 0's files while slot 0 held them",
    );
  },
};
