/**
 * Host-side views of processes, read from /proc: who descends from a slot's server process, and whether
 * a pid is alive. The attack suite and the leak tests use them to prove nothing of a run survives it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { SandboxMode } from './types.ts';

/** Parent pid of every process visible in /proc. */
function parentTable(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'latin1');
    } catch {
      continue; // exited while we looked
    }
    // the command name (field 2) may hold spaces and parentheses; fields after the last ')' are plain
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parents.set(Number(name), Number(fields[1]));
  }
  return parents;
}

/** Every living descendant of `root` with its depth below it (1 = child), in breadth-first order. */
function descendantsWithDepth(root: number): { pid: number; depth: number }[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parentTable()) {
    const list = children.get(ppid);
    if (list === undefined) children.set(ppid, [pid]);
    else list.push(pid);
  }
  const found: { pid: number; depth: number }[] = [];
  const queue = [{ pid: root, depth: 0 }];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of children.get(next.pid) ?? []) {
      const entry = { pid: child, depth: next.depth + 1 };
      found.push(entry);
      queue.push(entry);
    }
  }
  return found;
}

/**
 * Processes of runs still alive under one server's host process: below the fork-server, which is
 * bwrap's child in bwrap mode and the spawned process itself in unsafe mode. Empty between runs.
 */
export function runProcessesUnder(serverHostPid: number, mode: SandboxMode): number[] {
  const serverDepth = mode === 'bwrap' ? 1 : 0;
  return descendantsWithDepth(serverHostPid)
    .filter((entry) => entry.depth > serverDepth)
    .map((entry) => entry.pid);
}

/** True while `pid` exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Number of file descriptors this Node process holds open. */
export function openFdCount(): number {
  return readdirSync('/proc/self/fd').length;
}
