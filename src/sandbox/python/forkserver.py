"""Fork-server of one sandbox slot: pre-imports a profile's modules once, then forks one child per run.

Started by the Node runner as `python3 -I -B -c <this file> <config json> <hrm_sandbox source>`, inside
bubblewrap as the init process (pid 1) of the slot's pid namespace, or as a plain process in the explicit
`--unsafe-no-sandbox` mode. It talks to Node over fd 0 (requests) and fd 1 (replies); fd 2 is its own
diagnostics. Run data never touches stdout of this process, and the child closes every control fd.

Frames in both directions: 1 kind byte, a 4-byte big-endian payload length, the payload.
  Node -> server: R run (u32 header length, header JSON, source bytes, stdin bytes); S stop (u32 run id); Q quit.
  server -> Node: H hello (JSON); O/E/M stdout, stderr and message-stream bytes of the current run;
                  D done (JSON result of the run).
A child runs like `python3 main.py`: a fresh `__main__`, stdin is a sealed in-memory file holding the
request's stdin, stdout/stderr/messages are pipes this server relays with caps, and the kernel limits of
the request are set just before the program is compiled. After each run every other process of the slot
is killed and reaped, the writable directories are wiped, and the buffers that held run data are zeroed.
"""

import builtins
import ctypes
import fcntl
import gc
import importlib
import importlib.machinery
import io
import json
import os
import resource
import select
import signal
import struct
import sys
import time
import types

FRAME = struct.Struct(">cI")
U32 = struct.Struct(">I")
CTL_IN, CTL_OUT = 0, 1
RELAY_CHUNK = 1 << 16
DRAIN_SECONDS = 1.0
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_CHILD_SUBREAPER = 1, 4, 36
LIMITED = {
    "memoryBytes": resource.RLIMIT_AS,
    "processes": resource.RLIMIT_NPROC,
    "fileBytes": resource.RLIMIT_FSIZE,
    "openFiles": resource.RLIMIT_NOFILE,
    "stackBytes": resource.RLIMIT_STACK,
}
WATCHED_RLIMITS = [getattr(resource, n) for n in dir(resource) if n.startswith("RLIMIT_")]

CONFIG = json.loads(sys.argv[1])
ISOLATED = CONFIG["isolated"]  # bwrap: this process is pid 1 of a pid namespace holding only this slot
WORK_DIRS = CONFIG["wipeDirs"]
RUN_DIR = CONFIG["runDir"]
LIBC = ctypes.CDLL(None, use_errno=True)
RUN_FILTER = None  # seccomp filter bytes every run installs (set in main)


def prctl(option, value):
    if LIBC.prctl(option, ctypes.c_ulong(value), 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(%d) failed" % option)


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
    if n > 0:
        ctypes.memset((ctypes.c_char * len(buf)).from_buffer(buf), 0, min(n, len(buf)))


def install_message_module(source):
    module = types.ModuleType("hrm_sandbox")
    exec(compile(source, "hrm_sandbox.py", "exec", dont_inherit=True), module.__dict__)
    sys.modules["hrm_sandbox"] = module


def stream_params():
    """How this interpreter set up its own std streams (pipes, like a run's), to give runs the same."""
    return {
        fd: (s.encoding, s.errors, s.line_buffering, s.write_through)
        for fd, s in ((0, sys.__stdin__), (1, sys.__stdout__), (2, sys.__stderr__))
    }


def limits_snapshot():
    return [resource.getrlimit(r) for r in WATCHED_RLIMITS] + [os.getpriority(os.PRIO_PROCESS, 0)]


# ---------------------------------------------------------------- seccomp filter of every run

# Syscalls a run could aim at the fork-server, which has the same uid: prlimit64 on another pid would
# lower the server's limits and setpriority its priority. In unsafe mode (no pid namespace) signals to
# the server, to Node and to every process of the uid (kill(-1)) are refused too.
SYSCALLS = {
    "x86_64": dict(arch=0xC000003E, prlimit64=302, setpriority=141, kill=62, tkill=200, tgkill=234,
                   rt_sigqueueinfo=129, rt_tgsigqueueinfo=297, pidfd_open=434, pidfd_send_signal=424),
    "aarch64": dict(arch=0xC00000B7, prlimit64=261, setpriority=140, kill=129, tkill=130, tgkill=131,
                    rt_sigqueueinfo=138, rt_tgsigqueueinfo=240, pidfd_open=434, pidfd_send_signal=424),
}
LD_ABS, JEQ, JGE, RET = 0x20, 0x15, 0x35, 0x06
ALLOW, EPERM, ENOSYS = 0x7FFF0000, 0x00050000 | 1, 0x00050000 | 38
NR, ARCH = 0, 4
X32_BIT = 0x40000000


def arg(i):
    return 16 + 8 * i  # low 32 bits of argument i (little-endian)


class Program:
    """A classic-BPF program with forward jumps to named labels."""

    def __init__(self):
        self.code, self.labels = [], {}

    def op(self, code, k, jt=None, jf=None):
        self.code.append([code, jt, jf, k])

    def label(self, name):
        self.labels[name] = len(self.code)

    def assemble(self):
        out = bytearray()
        for i, (code, jt, jf, k) in enumerate(self.code):
            rel = lambda target: 0 if target is None else self.labels[target] - i - 1
            out += struct.pack("<HBBI", code, rel(jt), rel(jf), k & 0xFFFFFFFF)
        return bytes(out)


def seccomp_filter(protected_pids):
    """The filter bytes for this machine, or None on an architecture without a syscall table here."""
    import platform

    nr = SYSCALLS.get(platform.machine())
    if nr is None:
        return None
    p = Program()
    p.op(LD_ABS, ARCH)
    p.op(JEQ, nr["arch"], None, "enosys")
    p.op(LD_ABS, NR)
    p.op(JGE, X32_BIT, "enosys", None)
    p.op(JEQ, nr["prlimit64"], "own_pid", None)
    p.op(JEQ, nr["setpriority"], "setpriority", None)
    if protected_pids:
        for name in ("kill", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "pidfd_open"):
            p.op(JEQ, nr[name], "signal", None)
        p.op(JEQ, nr["pidfd_send_signal"], "eperm", None)
    p.op(RET, ALLOW)
    p.label("own_pid")
    p.op(LD_ABS, arg(0))
    p.op(JEQ, 0, "allow", "eperm")
    p.label("setpriority")
    p.op(LD_ABS, arg(0))
    p.op(JEQ, os.PRIO_PROCESS, None, "eperm")
    p.op(LD_ABS, arg(1))
    p.op(JEQ, 0, "allow", "eperm")
    p.label("signal")
    p.op(LD_ABS, arg(0))
    for pid in protected_pids:
        p.op(JEQ, pid, "eperm", None)
    p.op(RET, ALLOW)
    p.label("allow")
    p.op(RET, ALLOW)
    p.label("eperm")
    p.op(RET, EPERM)
    p.label("enosys")
    p.op(RET, ENOSYS)
    return p.assemble()


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def install_filter(filter_bytes):
    """Confine the calling process (and everything it forks) to the filter; no way back."""
    PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2
    buf = ctypes.create_string_buffer(filter_bytes, len(filter_bytes))
    prog = SockFprog(len(filter_bytes) // 8, ctypes.cast(buf, ctypes.c_void_p))
    prctl(PR_SET_NO_NEW_PRIVS, 1)
    if LIBC.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "installing the seccomp filter failed")


# ---------------------------------------------------------------- child side (runs the program)


def new_std_stream(fd, params, name):
    encoding, errors, line_buffering, write_through = params
    mode = "r" if fd == 0 else "w"
    buffer = io.open(fd, mode + "b", buffering=-1, closefd=False)
    buffer.raw.name = name
    stream = io.TextIOWrapper(buffer, encoding, errors, "\n", line_buffering, write_through)
    stream.mode = mode
    return stream


def stdin_file(data):
    fd = os.memfd_create("stdin", os.MFD_ALLOW_SEALING)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    seals = fcntl.F_SEAL_SEAL | fcntl.F_SEAL_SHRINK | fcntl.F_SEAL_GROW | fcntl.F_SEAL_WRITE
    fcntl.fcntl(fd, fcntl.F_ADD_SEALS, seals)
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


def count_own_processes():
    uid = os.getuid()
    count = 0
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                count += os.stat("/proc/" + name).st_uid == uid
            except OSError:
                pass
    return count


def set_run_limits(req):
    for key, which in LIMITED.items():
        value = req[key]
        if which == resource.RLIMIT_NPROC and CONFIG["nprocRelative"]:
            value += count_own_processes()
        resource.setrlimit(which, (value, value))
    cpu = max(1, -(-req["cpuMs"] // 1000))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def exit_status_of(exc):
    """The exit status `python3 main.py` gives for an uncaught SystemExit (CPython _Py_HandleSystemExit)."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return (code if -(1 << 63) <= code < (1 << 63) else -1) & 0xFF
    sys.stderr.write(str(code) + "\n")
    return 1


def finish(status):
    """Interpreter shutdown as CPython does it: join threads, run atexit, flush stdio, exit."""
    threading = sys.modules.get("threading")
    if threading is not None:
        try:
            threading._shutdown()
        except BaseException:
            pass
    try:
        import atexit

        atexit._run_exitfuncs()
    except BaseException:
        pass
    try:
        sys.stdout.flush()
    except BaseException:
        status = 120
        try:
            sys.stderr.write("Exception ignored on flushing sys.stdout:\n")
        except BaseException:
            pass
    try:
        sys.stderr.flush()
    except BaseException:
        pass
    os._exit(status)


def child_main(req, source, stdin, fds, params):
    os.setsid()
    if not ISOLATED:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    wanted = [stdin_file(stdin)] + list(fds)  # stdin, stdout, stderr, messages, ready
    high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 64) for fd in wanted]
    for target, fd in enumerate(high):
        os.dup2(fd, target)
    os.closerange(5, 1 << 20)
    os.chdir(RUN_DIR)
    path = os.path.join(RUN_DIR, "main.py")
    with open(path, "wb") as f:
        f.write(source)
    sys.stdin = sys.__stdin__ = new_std_stream(0, params[0], "<stdin>")
    sys.stdout = sys.__stdout__ = new_std_stream(1, params[1], "<stdout>")
    sys.stderr = sys.__stderr__ = new_std_stream(2, params[2], "<stderr>")
    sys.argv = ["main.py"]
    main = types.ModuleType("__main__")
    main.__dict__.update(__file__=path, __cached__=None, __builtins__=builtins, __annotations__={})
    main.__loader__ = importlib.machinery.SourceFileLoader("__main__", path)
    sys.modules["__main__"] = main
    set_run_limits(req)
    if RUN_FILTER is not None:
        install_filter(RUN_FILTER)
    os.write(4, b"R")
    os.close(4)
    del req, stdin, wanted, high
    try:
        code = compile(source, path, "exec", dont_inherit=True)
        del source
        exec(code, main.__dict__)
    except SystemExit as exc:
        finish(exit_status_of(exc))
    except BaseException as exc:
        tb = exc.__traceback__
        while tb is not None and tb.tb_frame.f_code is child_main.__code__:
            tb = tb.tb_next  # the traceback starts at the program, as under `python3 main.py`
        sys.excepthook(type(exc), exc.with_traceback(tb), tb)
        if isinstance(exc, KeyboardInterrupt):
            sys.stdout.flush()
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGINT)
        finish(1)
    finish(0)


# ---------------------------------------------------------------- server side


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


def descendants_of(root):
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
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return
        except InterruptedError:
            continue


def sweep(pgid):
    """Kill every process the run left behind, then reap them all."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    kill_leftovers()


def kill_leftovers():
    if ISOLATED:
        try:
            os.kill(-1, signal.SIGKILL)  # this pid namespace holds only this slot; pid 1 (us) is spared
        except ProcessLookupError:
            pass  # nothing left
        reap_all()
        return
    me = os.getpid()
    for _ in range(100):  # we are a subreaper: every orphan of a run is re-parented to us
        left = descendants_of(me)
        if not left:
            return
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        while True:
            try:
                if os.waitpid(-1, os.WNOHANG)[0] == 0:
                    break
            except ChildProcessError:
                break
        time.sleep(0.001)


def wipe(path):
    for entry in os.scandir(path):
        full = entry.path
        if entry.is_dir(follow_symlinks=False):
            os.chmod(full, 0o700)
            wipe(full)
            os.rmdir(full)
        else:
            os.unlink(full)


class Server:
    def __init__(self, preload_ms):
        self.params = stream_params()
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
            "seccomp": RUN_FILTER is not None,
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
                child_main(req, bytes(source), stdin, (out_w, err_w, msg_w, ready_w), self.params)
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
        sweep(pid)
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
        try:
            for path in WORK_DIRS:
                wipe(path)
        except OSError as exc:
            self.recycle_reason = "could not wipe the run's files: %s" % exc


def main():
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # as pid 1, a handled signal is the only one that lands
    sys.stdout = sys.stderr  # nothing may ever print onto the control channel
    prctl(PR_SET_DUMPABLE, 0)  # runs cannot ptrace us or read /proc/1/{mem,fd,environ}
    if not ISOLATED:
        prctl(PR_SET_CHILD_SUBREAPER, 1)
    started = time.monotonic()
    global RUN_FILTER
    protected = [] if ISOLATED else [os.getpid(), os.getppid(), -1, -os.getpgid(0)]
    RUN_FILTER = seccomp_filter(protected)
    install_message_module(sys.argv[2])
    for name in CONFIG["preload"]:
        importlib.import_module(name)
    gc.collect()
    gc.freeze()
    try:
        Server(round((time.monotonic() - started) * 1000, 1)).serve()
    except EOFError:
        pass
    finally:
        kill_leftovers()


main()
