"""Slot hygiene between runs: kill and reap every process a run left behind, wipe its files.

In bwrap mode the fork-server is pid 1 of a pid namespace that holds only its slot, so kill(-1) reaches
exactly the run's leftovers (double-forked daemons included) and spares the server. In unsafe mode
kill(-1) would hit every process of the uid on the host: the server, a child subreaper, walks its own
descendants in /proc instead.
"""

import os
import signal
import time

SUBTREE_ROUNDS = 100


def descendants_of(root):
    """Pids below `root`, from the parent pids in /proc."""
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(name))
    found, queue = [], [root]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def reap_all():
    """Wait for every child of this process (orphans of a run are re-parented to us)."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return
        except InterruptedError:
            continue


def reap_exited():
    while True:
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                return
        except ChildProcessError:
            return


def kill_leftovers(isolated):
    """Kill and reap every process of the slot but this one."""
    if isolated:
        try:
            os.kill(-1, signal.SIGKILL)  # the pid namespace holds only this slot; pid 1 (us) is spared
        except ProcessLookupError:
            pass  # nothing left
        reap_all()
        return
    me = os.getpid()
    for _ in range(SUBTREE_ROUNDS):  # a process may fork while we kill: repeat until none is left
        left = descendants_of(me)
        if not left:
            return
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        reap_exited()
        time.sleep(0.001)


def sweep(pgid, isolated):
    """After a run: kill its process group, then everything else it left behind."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    kill_leftovers(isolated)


def wipe(path, deadline=None):
    """Delete everything inside `path` (not `path` itself), whatever permissions the run set.
    TimeoutError when `deadline` (a time.monotonic() value) passes first."""
    for entry in os.scandir(path):
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError("wipe of %s did not finish in time" % path)
        full = entry.path
        if entry.is_dir(follow_symlinks=False):
            os.chmod(full, 0o700)
            wipe(full, deadline)
            os.rmdir(full)
        else:
            os.unlink(full)
