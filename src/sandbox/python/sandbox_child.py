"""The forked child of a run: becomes `python3 main.py` for the request's program, then exits.

In order: new session; stdin becomes a sealed in-memory file holding the request's stdin, fds 1/2/3 the
pipes of stdout, stderr and messages, every other fd is closed; the program is written to main.py in
the run directory; fresh std streams and a fresh `__main__`; the request's kernel limits and the
seccomp filter; a byte on the ready pipe tells the server the program starts now. The program then runs
with CPython's own semantics for tracebacks, SystemExit, KeyboardInterrupt, threads, atexit and flushing.
"""

import builtins
import ctypes
import fcntl
import importlib.machinery
import io
import os
import resource
import signal
import sys
import types
from collections import namedtuple

from sandbox_kernel import PR_SET_PDEATHSIG, install_filter, prctl

LIMITED = {
    "memoryBytes": resource.RLIMIT_AS,
    "processes": resource.RLIMIT_NPROC,
    "fileBytes": resource.RLIMIT_FSIZE,
    "openFiles": resource.RLIMIT_NOFILE,
    "stackBytes": resource.RLIMIT_STACK,
}
READY_FD = 4

# What every child of one server shares, prepared once by the server.
ChildSetup = namedtuple("ChildSetup", "isolated run_dir nproc_relative seccomp recursion stream_params")


def stream_params():
    """How this interpreter set up its std streams (pipes, like a run's), to give runs the same."""
    return {
        fd: (s.encoding, s.errors, s.line_buffering, s.write_through)
        for fd, s in ((0, sys.__stdin__), (1, sys.__stdout__), (2, sys.__stderr__))
    }


def recursion_counter():
    """The running thread's recursion counters (CPython 3.11 `PyThreadState.recursion_remaining` and
    `.recursion_limit`, at offsets 32 and 36 on 64-bit), checked against sys.setrecursionlimit; None
    when this interpreter's layout differs. A run uses them to count its frames as a fresh interpreter."""
    if sys.version_info[:2] != (3, 11) or ctypes.sizeof(ctypes.c_void_p) != 8:
        return None
    get_tstate = ctypes.pythonapi.PyThreadState_Get
    get_tstate.restype = ctypes.c_void_p
    tstate = get_tstate()
    remaining = ctypes.c_int.from_address(tstate + 32)
    limit = ctypes.c_int.from_address(tstate + 36)
    before = sys.getrecursionlimit()
    try:
        for probe in (before + 17, before):
            sys.setrecursionlimit(probe)
            if limit.value != probe or not 0 < limit.value - remaining.value < 100:
                return None
    finally:
        sys.setrecursionlimit(before)
    return remaining, limit


def count_frames_from_zero(counter):
    """Make the program's module frame, entered by the caller's next exec(), depth 1 as under
    `python3 main.py`: RecursionError comes at the same depth and tracebacks count the same frames.
    exec() from Python counts twice (its C entry and the frame); this frame's exit adds 1 back."""
    if counter is not None:
        remaining, limit = counter
        remaining.value = limit.value  # caller at depth -1 after our return; the module frame at 1


def new_std_stream(fd, params, name):
    """A std stream as CPython's create_stdio builds it (newline="\\n", closefd=False)."""
    encoding, errors, line_buffering, write_through = params
    mode = "r" if fd == 0 else "w"
    buffer = io.open(fd, mode + "b", buffering=-1, closefd=False)
    buffer.raw.name = name
    stream = io.TextIOWrapper(buffer, encoding, errors, "\n", line_buffering, write_through)
    stream.mode = mode
    return stream


def stdin_file(data):
    """A sealed in-memory file holding `data`, positioned at its start."""
    fd = os.memfd_create("stdin", os.MFD_ALLOW_SEALING)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    seals = fcntl.F_SEAL_SEAL | fcntl.F_SEAL_SHRINK | fcntl.F_SEAL_GROW | fcntl.F_SEAL_WRITE
    fcntl.fcntl(fd, fcntl.F_ADD_SEALS, seals)
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


def count_own_processes():
    """Processes of this uid on the host (unsafe mode: RLIMIT_NPROC counts them all)."""
    uid = os.getuid()
    count = 0
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                count += os.stat("/proc/" + name).st_uid == uid
            except OSError:
                pass
    return count


def set_run_limits(req, nproc_relative):
    for key, which in LIMITED.items():
        value = req[key]
        if which == resource.RLIMIT_NPROC and nproc_relative:
            value += count_own_processes()
        resource.setrlimit(which, (value, value))
    cpu_seconds = max(1, -(-req["cpuMs"] // 1000))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))  # SIGXCPU, then SIGKILL
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def exit_status_of(exc):
    """The exit status `python3 main.py` gives an uncaught SystemExit (CPython _Py_HandleSystemExit)."""
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
        sys.stderr.flush()
    except BaseException:
        pass
    os._exit(status)


def report_uncaught(exc):
    """Print an uncaught exception as `python3 main.py` would, from the program's first frame."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code is run_program.__code__:
        tb = tb.tb_next
    sys.excepthook(type(exc), exc.with_traceback(tb), tb)


def run_program(req, source, stdin, fds, setup):
    """The child: set up, run the request's program as __main__, exit. Never returns."""
    os.setsid()
    if not setup.isolated:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    wanted = [stdin_file(stdin)] + list(fds)  # fds 0..4: stdin, stdout, stderr, messages, ready
    high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 64) for fd in wanted]
    for target, fd in enumerate(high):
        os.dup2(fd, target)
    os.closerange(READY_FD + 1, 1 << 20)
    os.chdir(setup.run_dir)
    path = os.path.join(setup.run_dir, "main.py")
    with open(path, "wb") as f:
        f.write(source)
    params = setup.stream_params
    sys.stdin = sys.__stdin__ = new_std_stream(0, params[0], "<stdin>")
    sys.stdout = sys.__stdout__ = new_std_stream(1, params[1], "<stdout>")
    sys.stderr = sys.__stderr__ = new_std_stream(2, params[2], "<stderr>")
    sys.argv = ["main.py"]
    main = types.ModuleType("__main__")
    main.__dict__.update(__file__=path, __cached__=None, __builtins__=builtins, __annotations__={})
    main.__loader__ = importlib.machinery.SourceFileLoader("__main__", path)
    sys.modules["__main__"] = main
    set_run_limits(req, setup.nproc_relative)
    if setup.seccomp is not None:
        install_filter(setup.seccomp)
    os.write(READY_FD, b"R")
    os.close(READY_FD)
    del req, stdin, wanted, high
    count_frames_from_zero(setup.recursion)
    try:
        exec(compile(source, path, "exec", dont_inherit=True), main.__dict__)
    except SystemExit as exc:
        finish(exit_status_of(exc))
    except BaseException as exc:
        report_uncaught(exc)
        if isinstance(exc, KeyboardInterrupt):  # CPython re-raises SIGINT to die by it
            sys.stdout.flush()
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGINT)
        finish(1)
    finish(0)
