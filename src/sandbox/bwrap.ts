/**
 * The bubblewrap command line of one slot (measured design in docs/sandbox.md): every namespace
 * unshared (user, pid, net, ipc, uts, cgroup), no host filesystem but read-only `/usr` and the two files
 * numpy's loader needs, a size-capped private `/tmp` and `/dev/shm`, a read-only root and `/dev`, a
 * cleared environment, and the fork-server as pid 1 of the namespace so runs cannot signal it.
 */

/** What differs between slots and machines. */
export interface BwrapPlan {
  /** size of the slot's private /tmp tmpfs */
  tmpBytes: number;
  /** size of the slot's private /dev/shm tmpfs */
  shmBytes: number;
  /** the command run inside, as pid 1 */
  command: readonly string[];
  /** more bwrap mount arguments, applied before the root is made read-only (e.g. `--ro-bind-data`) */
  extraMounts?: readonly string[];
}

/** Host paths bound read-only besides /usr: the loader cache and the alternatives links (libblas.so.3). */
const EXTRA_READ_ONLY = ['/etc/ld.so.cache', '/etc/alternatives'];

/** Environment of everything inside the sandbox; nothing of the host's environment crosses. */
export const SANDBOX_ENV: Readonly<Record<string, string>> = {
  PATH: '/usr/bin:/bin',
  HOME: '/tmp',
  LANG: 'C.UTF-8',
  OPENBLAS_NUM_THREADS: '1',
  OMP_NUM_THREADS: '1',
  MKL_NUM_THREADS: '1',
};

/** The bwrap arguments (without the `bwrap` path itself) that run `plan.command` in a fresh sandbox. */
export function bwrapArgs(plan: BwrapPlan, hostPathExists: (path: string) => boolean): string[] {
  const args = [
    '--unshare-all',
    '--unshare-user', // bwrap 0.8 needs it spelled out for --disable-userns
    '--disable-userns',
    '--die-with-parent',
    '--new-session',
    '--as-pid-1',
    '--hostname',
    'sandbox',
    '--ro-bind',
    '/usr',
    '/usr',
    '--symlink',
    'usr/lib',
    '/lib',
    '--symlink',
    'usr/lib64',
    '/lib64',
    '--symlink',
    'usr/bin',
    '/bin',
    '--symlink',
    'usr/sbin',
    '/sbin',
  ];
  for (const path of EXTRA_READ_ONLY) {
    if (hostPathExists(path)) args.push('--ro-bind', path, path);
  }
  args.push(
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--size',
    String(plan.shmBytes),
    '--tmpfs',
    '/dev/shm',
    '--remount-ro',
    '/dev',
    '--size',
    String(plan.tmpBytes),
    '--tmpfs',
    '/tmp',
    ...(plan.extraMounts ?? []),
    '--remount-ro',
    '/',
    '--chdir',
    '/tmp',
    '--clearenv',
  );
  for (const [name, value] of Object.entries(SANDBOX_ENV)) args.push('--setenv', name, value);
  args.push('--', ...plan.command);
  return args;
}
