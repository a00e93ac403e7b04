/**
 * The start-up probe: can this machine create the sandbox? It runs Python inside bubblewrap exactly as a
 * slot will (same arguments, same host uid) and, when that fails, says why and how to fix it: a missing
 * package, Ubuntu's AppArmor restriction on user namespaces, a sysctl that turns them off, or a container
 * whose seccomp profile blocks them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { release } from 'node:os';
import { delimiter, join } from 'node:path';
import { bwrapArgs } from './bwrap.ts';
import { DEFAULT_SHM_BYTES, DEFAULT_TMP_BYTES, SLOT_UID_BASE, slotIdentity } from './launch.ts';

/** Environment variable naming the bwrap binary, when it is not `bwrap` on PATH. */
export const BWRAP_ENV = 'HRM_LCB_BWRAP';
/** Where runs find Python: Debian's interpreter (never a pyenv shim; see docs/sandbox.md). */
export const DEFAULT_PYTHON = '/usr/bin/python3';
const PROBE_TIMEOUT_MS = 20_000;
const PROBE_MARK = 'hrm-lcb-sandbox-ok';

/** What the probe found. `problem` and `hint` are set when the sandbox cannot be created. */
export interface ProbeReport {
  ok: boolean;
  pythonPath: string;
  pythonVersion: string | null;
  bwrapPath: string | null;
  bwrapVersion: string | null;
  kernel: string;
  /** which host uids the slots run as */
  identity: string;
  /** how long the probe took, in ms */
  ms: number;
  /** which step failed, when one did */
  cause?: 'python-missing' | 'bwrap-missing' | 'bwrap-failed';
  problem?: string;
  hint?: string;
}

/** Where to look for the two programs (bwrap: this option, then $HRM_LCB_BWRAP, then PATH). */
export interface ProbeOptions {
  pythonPath?: string;
  bwrapPath?: string;
}

/** Find `name` on PATH (plus /usr/bin and /bin); undefined when absent. */
export function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/bin'].filter((d) => d !== '');
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function readProcFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** True inside Docker, Podman, containerd or Kubernetes. */
function inContainer(): boolean {
  if (existsSync('/.dockerenv') || existsSync('/run/.containerenv')) return true;
  return /docker|kubepods|containerd|libpod/.test(readProcFile('/proc/1/cgroup') ?? '');
}

const APPARMOR_PROFILE =
  "printf 'abi <abi/4.0>,\\ninclude <tunables/global>\\nprofile bwrap /usr/bin/bwrap flags=(unconfined) {\\n  userns,\\n}\\n' | sudo tee /etc/apparmor.d/bwrap && sudo apparmor_parser -r /etc/apparmor.d/bwrap";

const UNSAFE_WAY_OUT = 'or, knowing what it does not contain, pass --unsafe-no-sandbox (docs/sandbox.md)';

/** Why bwrap failed, as `{problem, hint}`, from the kernel settings and bwrap's own message. */
export function diagnoseBwrapFailure(
  stderr: string,
  settings = readUsernsSettings(),
): {
  problem: string;
  hint: string;
} {
  const said = stderr.trim().split('\n').slice(-3).join(' ').trim() || 'no message';
  const problem = `bubblewrap could not create the sandbox (${said})`;
  if (settings.apparmorRestrict === '1') {
    return {
      problem: `${problem}: AppArmor restricts unprivileged user namespaces (Ubuntu 23.10 and later)`,
      hint: `allow them for bwrap only: ${APPARMOR_PROFILE}; or turn the restriction off: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 (persist it in /etc/sysctl.d/60-userns.conf); ${UNSAFE_WAY_OUT}`,
    };
  }
  if (settings.maxUserNamespaces === '0') {
    return {
      problem: `${problem}: user namespaces are disabled (user.max_user_namespaces = 0)`,
      hint: `sudo sysctl -w user.max_user_namespaces=15000 (persist it in /etc/sysctl.d/60-userns.conf); ${UNSAFE_WAY_OUT}`,
    };
  }
  if (settings.unprivilegedClone === '0') {
    return {
      problem: `${problem}: unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone = 0)`,
      hint: `sudo sysctl -w kernel.unprivileged_userns_clone=1 (persist it in /etc/sysctl.d/60-userns.conf); ${UNSAFE_WAY_OUT}`,
    };
  }
  if (settings.container) {
    return {
      problem: `${problem}: this looks like a container whose seccomp/AppArmor profile blocks user namespaces`,
      hint: `start the container with --security-opt seccomp=unconfined --security-opt apparmor=unconfined (or a seccomp profile that allows unshare, clone, mount and pivot_root); ${UNSAFE_WAY_OUT}`,
    };
  }
  return {
    problem,
    hint: `check that unprivileged user namespaces work: bwrap --unshare-all --ro-bind /usr /usr --symlink usr/lib64 /lib64 /usr/bin/true; ${UNSAFE_WAY_OUT}`,
  };
}

/** The kernel settings that decide whether unprivileged user namespaces work. */
export interface UsernsSettings {
  apparmorRestrict: string | undefined;
  maxUserNamespaces: string | undefined;
  unprivilegedClone: string | undefined;
  container: boolean;
}

function readUsernsSettings(): UsernsSettings {
  return {
    apparmorRestrict: readProcFile('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
    maxUserNamespaces: readProcFile('/proc/sys/user/max_user_namespaces'),
    unprivilegedClone: readProcFile('/proc/sys/kernel/unprivileged_userns_clone'),
    container: inContainer(),
  };
}

function bwrapVersion(bwrapPath: string): string | null {
  const result = spawnSync(bwrapPath, ['--version'], { encoding: 'utf8', timeout: 5000 });
  return result.status === 0 ? result.stdout.trim().replace(/^bubblewrap\s+/, '') : null;
}

function runProbe(
  bwrapPath: string,
  pythonPath: string,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const command = [
    pythonPath,
    '-I',
    '-B',
    '-c',
    `import sys; print(${JSON.stringify(PROBE_MARK)}, sys.version)`,
  ];
  const args = bwrapArgs({ tmpBytes: DEFAULT_TMP_BYTES, shmBytes: DEFAULT_SHM_BYTES, command }, existsSync);
  return new Promise((resolve) => {
    const child = spawn(bwrapPath, args, {
      env: {},
      cwd: '/',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: PROBE_TIMEOUT_MS,
      ...slotIdentity(0),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (error) => resolve({ stdout, stderr: `${stderr}${error.message}`, code: null }));
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}

/** Probe this machine: are Python and bubblewrap there, and can bwrap create a slot's sandbox? */
export async function probeSandbox(options: ProbeOptions = {}): Promise<ProbeReport> {
  const started = performance.now();
  const pythonPath = options.pythonPath ?? DEFAULT_PYTHON;
  const bwrapPath = options.bwrapPath ?? process.env[BWRAP_ENV] ?? findExecutable('bwrap') ?? null;
  const root = process.getuid?.() === 0;
  const report: ProbeReport = {
    ok: false,
    pythonPath,
    pythonVersion: null,
    bwrapPath,
    bwrapVersion: null,
    kernel: release(),
    identity: root
      ? `one host uid per slot (${SLOT_UID_BASE}+slot)`
      : `this user (uid ${process.getuid?.()})`,
    ms: 0,
  };
  const done = (extra: Partial<ProbeReport>): ProbeReport => ({
    ...report,
    ...extra,
    ms: Math.round(performance.now() - started),
  });
  if (!isExecutable(pythonPath)) {
    return done({
      cause: 'python-missing',
      problem: `python3 was not found at ${pythonPath}`,
      hint: 'sudo apt-get install -y --no-install-recommends python3 python3-numpy python3-pandas',
    });
  }
  if (bwrapPath === null || !isExecutable(bwrapPath)) {
    return done({
      cause: 'bwrap-missing',
      problem: 'bubblewrap (bwrap) is not installed',
      hint: `sudo apt-get install -y --no-install-recommends bubblewrap (Fedora: sudo dnf install bubblewrap); ${UNSAFE_WAY_OUT}`,
    });
  }
  report.bwrapVersion = bwrapVersion(bwrapPath);
  const probe = await runProbe(bwrapPath, pythonPath);
  const line = probe.stdout.split('\n').find((l) => l.startsWith(PROBE_MARK));
  if (probe.code !== 0 || line === undefined) {
    return done({ cause: 'bwrap-failed', ...diagnoseBwrapFailure(probe.stderr) });
  }
  return done({ ok: true, pythonVersion: line.slice(PROBE_MARK.length).trim().split(' ')[0] ?? null });
}
