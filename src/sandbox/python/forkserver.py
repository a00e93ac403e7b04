"""Fork-server of one sandbox slot: pre-imports a profile's modules once, then forks one child per run.

Started by the Node runner through bootstrap.py, inside bubblewrap as the init process (pid 1) of the
slot's pid namespace (runs cannot signal it), or as a plain process in the explicit
`--unsafe-no-sandbox` mode. It talks to Node over fd 0 (requests) and fd 1 (replies); fd 2 is its own
diagnostics. Run data never touches this process's stdout, and the child closes every control fd.

Frames in both directions: 1 kind byte, a 4-byte big-endian payload length, the payload.
  Node -> server: R run (u32 header length, header JSON, source bytes, stdin bytes); S stop (u32 run id); Q quit.
  server -> Node: H hello (JSON); O/E/M stdout, stderr and message-stream bytes of the current run;
                  D done (JSON result of the run).
The child (sandbox_child.py) runs the program like `python3 main.py`. The server relays its pipes with
caps, enforces the wall limit, and after each run kills and reaps every other process of the slot, wipes
the writable directories and zeroes the buffers that held run data, so that nothing of one run (not
even another program's output in freed memory) reaches the next.
"""

import gc
import importlib
import json
import os
import resource
import select
import signal
import struct
import sys
import time
import types

from sandbox_child import ChildSetup, recursion_counter, run_program, stream_params
from sandbox_sweep import kill_leftovers, sweep, wipe
from sandbox_kernel import (
    PR_SET_CHILD_SUBREAPER,
    PR_SET_DUMPABLE,
    prctl,
    prepare_filter,
    seccomp_filter,
)

FRAME = struct.Struct(">cI")
U32 = struct.Struct(">I")
CTL_IN, CTL_OUT = 0, 1
RELAY_CHUNK = 1 << 16
DRAIN_SECONDS = 1.0
WIPE_BUDGET_SECONDS = 0.5
WATCHED_RLIMITS = [getattr(resource, n) for n in dir(resource) if n.startswith("RLIMIT_")]

CONFIG = json.loads(sys.argv[1])
ISOLATED = CONFIG["isolated"]  # bwrap: this process is pid 1 of a pid namespace holding only this slot


def write_all(fd, *parts):
    views = [memoryview(p).cast("B") for p in parts]
    while views:
        written = os.writev(fd, views)
        while views and written >= len(views[0]):
            written -= len(views[0])
            views.pop(0)
        if views and written:
            views[0] = views[0][written:]


def send(kind, payload=b""):
    write_all(CTL_OUT, FRAME.pack(kind, len(payload)), payload)


def read_exact_into(fd, view):
    got = 0
    while got < len(view):
        n = os.readv(fd, [view[got:]])
        if n == 0:
            raise EOFError("control channel closed")
        got += n


def read_frame_header():
    head = bytearray(FRAME.size)
    read_exact_into(CTL_IN, memoryview(head))
    return FRAME.unpack(head)


def zero(buf, n):
    """Overwrite the first n bytes of buf in place (no copy of run data stays behind)."""
    if n > 0:
        view = memoryview(buf)
        view[: min(n, len(buf))] = bytes(min(n, len(buf)))


def install_message_module(source):
    module = types.ModuleType("hrm_sandbox")
    exec(compile(source, "hrm_sandbox.py", "exec", dont_inherit=True), module.__dict__)
    sys.modules["hrm_sandbox"] = module


def limits_snapshot():
    return [resource.getrlimit(r) for r in WATCHED_RLIMITS] + [os.getpriority(os.PRIO_PROCESS, 0)]




class Relay:
    """One pipe from the child relayed to Node as frames of `kind`, cut at `cap` bytes."""

    def __init__(self, fd, kind, cap):
        self.fd, self.kind, self.cap, self.seen = fd, kind, cap, 0
        os.set_blocking(fd, False)

    def pump(self, buf):
        """Relay what is readable; returns 'eof', 'capped' or None."""
        view = memoryview(buf)
        try:
            n = os.readv(self.fd, [view])
        except BlockingIOError:
            return None
        if n == 0:
            return "eof"
        allowed = max(0, min(n, self.cap - self.seen))
        self.seen += n
        if allowed:
            send(self.kind, view[:allowed])
        return "capped" if self.seen > self.cap else None


class Server:
    def __init__(self, preload_ms, setup):
        self.setup = setup
        self.reqbuf = bytearray(1 << 20)
        self.iobuf = bytearray(RELAY_CHUNK)
        self.runs = 0
        self.recycle_reason = None
        self.snapshot = limits_snapshot()
        self.hello = {
            "pid": os.getpid(),
            "python": sys.version.split()[0],
            "profile": CONFIG["profile"],
            "preloadMs": preload_ms,
            "seccomp": setup.seccomp is not None,
        }

    def serve(self):
        send(b"H", json.dumps(self.hello).encode())
        while True:
            try:
                kind, length = read_frame_header()
            except EOFError:
                return
            if kind == b"R":
                self.run(length)
                if self.recycle_reason is not None:
                    return
            elif kind == b"S":
                self.skip(length)  # a stop for a run that already ended
            elif kind == b"Q":
                return
            else:
                raise RuntimeError("unknown frame kind %r" % kind)

    def skip(self, length):
        if length:
            read_exact_into(CTL_IN, memoryview(bytearray(length)))

    def read_request(self, length):
        if length > len(self.reqbuf):
            zero(self.reqbuf, len(self.reqbuf))
            self.reqbuf = bytearray(length)
        view = memoryview(self.reqbuf)[:length]
        read_exact_into(CTL_IN, view)
        (header_len,) = U32.unpack(view[:4])
        req = json.loads(bytes(view[4 : 4 + header_len]))
        start = 4 + header_len
        source = view[start : start + req["sourceLength"]]
        stdin = view[start + req["sourceLength"] : start + req["sourceLength"] + req["stdinLength"]]
        return req, source, stdin

    def run(self, length):
        req, source, stdin = self.read_request(length)
        try:
            result = self.execute(req, source, stdin)
        finally:
            del source, stdin
            zero(self.reqbuf, length)
            zero(self.iobuf, len(self.iobuf))
        self.runs += 1
        if self.recycle_reason is None and self.runs >= CONFIG["maxRuns"]:
            self.recycle_reason = "served %d runs" % self.runs
        if self.recycle_reason is None and limits_snapshot() != self.snapshot:
            self.recycle_reason = "the run changed this server's limits or priority"
        result["recycle"] = self.recycle_reason
        send(b"D", json.dumps(result).encode())

    def execute(self, req, source, stdin):
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        msg_r, msg_w = os.pipe()
        ready_r, ready_w = os.pipe()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started_at = time.monotonic()
        pid = os.fork()
        if pid == 0:
            try:
                run_program(req, bytes(source), stdin, (out_w, err_w, msg_w, ready_w), self.setup)
            except BaseException:
                try:
                    import traceback

                    os.write(2, traceback.format_exc().encode())
                finally:
                    os._exit(70)
        for fd in (out_w, err_w, msg_w, ready_w):
            os.close(fd)
        relays = {
            out_r: Relay(out_r, b"O", req["stdoutBytes"]),
            err_r: Relay(err_r, b"E", req["stderrBytes"]),
            msg_r: Relay(msg_r, b"M", req["messageBytes"]),
        }
        outcome = self.supervise(req, pid, relays, ready_r, started_at)
        ended_at = outcome.pop("endedAt", None) or time.monotonic()
        status_word, rusage = self.reap(pid, outcome)
        sweep(pid, ISOLATED)
        capped = self.drain(relays)
        if capped and outcome["killed"] is None:
            outcome["killed"] = "output-capped"
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        for fd in list(relays) + [ready_r]:
            os.close(fd)
        self.wipe_dirs()
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        result = {
            "id": req["id"],
            "wallMs": round((ended_at - started_at) * 1000, 3),
            "cpuMs": round(cpu * 1000, 3),
            "maxRssKb": rusage.ru_maxrss if rusage is not None else 0,
            "stdoutBytes": relays[out_r].seen,
            "stderrBytes": relays[err_r].seen,
            "messageBytes": relays[msg_r].seen,
            "exitCode": None,
            "signal": None,
        }
        if status_word is not None and os.WIFEXITED(status_word):
            result["exitCode"] = os.WEXITSTATUS(status_word)
        elif status_word is not None and os.WIFSIGNALED(status_word):
            result["signal"] = os.WTERMSIG(status_word)
        if outcome["killed"] is not None:
            result["status"] = outcome["killed"]
        elif not outcome["started"]:
            result["status"] = "infrastructure-error"
            result["error"] = "the run's child failed before the program started (see its stderr)"
        elif result["signal"] is not None:
            result["status"] = "signaled"
        else:
            result["status"] = "exited"
        return result

    def supervise(self, req, pid, relays, ready_r, started_at):
        """Relay output until the child exits, the wall limit passes, a cap is hit or Node says stop."""
        pidfd = os.pidfd_open(pid)
        poller = select.poll()
        for fd in list(relays) + [ready_r, pidfd, CTL_IN]:
            poller.register(fd, select.POLLIN)
        open_relays = set(relays)
        outcome = {"killed": None, "started": False}
        deadline = started_at + req["wallMs"] / 1000
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    return self.kill(pid, outcome, "timeout")
                events = poller.poll(max(1, int(left * 1000 + 1)))
                exited = False
                for fd, _ in events:
                    if fd in open_relays:
                        state = relays[fd].pump(self.iobuf)
                        if state == "eof":
                            poller.unregister(fd)
                            open_relays.discard(fd)
                        elif state == "capped":
                            return self.kill(pid, outcome, "output-capped")
                    elif fd == ready_r:
                        if os.read(ready_r, 1):
                            outcome["started"] = True
                        else:
                            poller.unregister(ready_r)
                    elif fd == pidfd:
                        exited = True
                    elif fd == CTL_IN:
                        if self.stop_requested(req["id"]):
                            return self.kill(pid, outcome, "stopped")
                if exited:
                    outcome["endedAt"] = time.monotonic()
                    return outcome
        finally:
            os.close(pidfd)

    def stop_requested(self, run_id):
        kind, length = read_frame_header()  # EOFError: Node is gone; main() sweeps and exits
        if kind == b"Q":
            raise EOFError("quit during a run")
        payload = bytearray(length)
        read_exact_into(CTL_IN, memoryview(payload))
        return kind == b"S" and length == 4 and U32.unpack(payload)[0] == run_id

    def kill(self, pid, outcome, reason):
        outcome["endedAt"] = time.monotonic()
        outcome["killed"] = reason
        os.kill(pid, signal.SIGKILL)  # the child itself: it may not have called setsid yet
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        return outcome

    def reap(self, pid, outcome):
        while True:
            try:
                _, status_word, rusage = os.wait4(pid, 0)
                return status_word, rusage
            except InterruptedError:
                continue
            except ChildProcessError:
                return None, None

    def drain(self, relays):
        """Read what the run left in its pipes; every writer is dead, so each pipe reaches EOF."""
        capped = False
        deadline = time.monotonic() + DRAIN_SECONDS
        pending = dict(relays)
        poller = select.poll()
        for fd in pending:
            poller.register(fd, select.POLLIN)
        while pending and time.monotonic() < deadline:
            for fd, _ in poller.poll(int(DRAIN_SECONDS * 1000)):
                state = pending[fd].pump(self.iobuf)
                if state is not None:
                    capped = capped or state == "capped"
                    poller.unregister(fd)
                    del pending[fd]
        return capped

    def wipe_dirs(self):
        # In bwrap mode a run that left a flood of files is not wiped file by file: the server is
        # replaced instead, and the kernel drops its tmpfs with the namespace. In unsafe mode the files
        # are on the host, so they are always wiped.
        deadline = time.monotonic() + WIPE_BUDGET_SECONDS if ISOLATED else None
        try:
            for path in CONFIG["wipeDirs"]:
                wipe(path, deadline)
        except TimeoutError:
            self.recycle_reason = "the run left more files than a quick wipe removes"
        except OSError as exc:
            self.recycle_reason = "could not wipe the run's files: %s" % exc


def main(sources):
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # as pid 1, a handled signal is the only one that lands
    sys.stdout = sys.stderr  # nothing may ever print onto the control channel
    prctl(PR_SET_DUMPABLE, 0)  # runs cannot ptrace us or read /proc/1/{mem,fd,environ}
    if not ISOLATED:
        prctl(PR_SET_CHILD_SUBREAPER, 1)
    started = time.monotonic()
    protected = [] if ISOLATED else [os.getpid(), os.getppid(), -1, -os.getpgid(0)]
    filter_bytes = seccomp_filter(protected)
    setup = ChildSetup(
        isolated=ISOLATED,
        run_dir=CONFIG["runDir"],
        nproc_relative=CONFIG["nprocRelative"],
        seccomp=None if filter_bytes is None else prepare_filter(filter_bytes),
        recursion=recursion_counter(),
        stream_params=stream_params(),
    )
    install_message_module(sources["hrm_sandbox"])
    for name in CONFIG["preload"]:
        importlib.import_module(name)
    gc.collect()
    gc.freeze()
    try:
        Server(round((time.monotonic() - started) * 1000, 1), setup).serve()
    except EOFError:
        pass
    finally:
        kill_leftovers(ISOLATED)
