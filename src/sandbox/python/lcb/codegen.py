# LCB code-generation driver: runs ONE generation over the tests of one problem, inside the sandbox,
# the way LiveCodeBench's `testing_util.run_test` (commit 28fef95) does up to the raw outcome of each test.
# Payload on stdin (JSON): {"code", "fn_name" (null for stdin problems), "inputs": [...],
# "tests": how many to run, "timeout": seconds, "mode": "lcb" | "fixed", "preload": [module, ...]}. Expected outputs never come in:
# each test's stdout (stdin problems) or returned value (functional problems) goes back to the host,
# which computes the verdict and stops this run at the first failure.
# Messages: {"event": "setup_error", "message"} | {"event": "ready"} |
#   {"event": "test", "index", "seconds", "stdout"} | {"event": "test", "index", "seconds", "value", "args"} |
#   {"event": "error", "index", "repr", "args"?} | {"event": "done"}
# Every message may carry "stderr": what the program wrote to sys.stderr since the previous message (the
# first STDERR_KEPT_BYTES of the run; for reports only, never part of a verdict).
import ast
import builtins
import faulthandler
import fcntl
import io
import json
import os
import signal
import sys
import time
from io import StringIO
from types import ModuleType

# The import header LCB prepends to every program (35 lines; user line k of functional code is line 37+k).
IMPORT_HEADER = (
    "from string import *\nfrom re import *\nfrom datetime import *\nfrom collections import *\n"
    "from heapq import *\nfrom bisect import *\nfrom copy import *\nfrom math import *\n"
    "from random import *\nfrom statistics import *\nfrom itertools import *\nfrom functools import *\n"
    "from operator import *\nfrom io import *\nfrom sys import *\nfrom json import *\n"
    "from builtins import *\nfrom typing import *\nimport string\nimport re\nimport datetime\n"
    "import collections\nimport heapq\nimport bisect\nimport copy\nimport math\nimport random\n"
    "import statistics\nimport itertools\nimport functools\nimport operator\nimport io\nimport sys\n"
    "import json\nsys.setrecursionlimit(50000)\n"
)


# The recursion depth CPython reports inside the program under upstream's grader (a ProcessPoolExecutor worker
# forks the grading child): module-level code at compile, a stdin program's body, a functional method.
# Programs see the same depth here, so recursion limits bite at the same point.
UPSTREAM_DEPTH = {"compile": 36, "stdin": 37, "functional": 34}


def reported_depth():
    """The recursion depth CPython reports for the caller's frame (read from setrecursionlimit's refusal)."""
    try:
        sys.setrecursionlimit(1)
    except RecursionError as e:
        return int(str(e).split("recursion depth ")[1].split(":")[0]) - 1
    raise RuntimeError("setrecursionlimit(1) was accepted")


def padded(levels, fn, *args):
    if levels > 0:
        return padded(levels - 1, fn, *args)
    return fn(*args)


def at_depth(site, fn, *args):
    """Call `fn(*args)` so that its frame sits at upstream's depth for `site`."""
    # a Python callee's frame is one below the last pad; `exec` (C) adds its own interpreter entry
    levels = UPSTREAM_DEPTH[site] - reported_depth() - (3 if fn is exec else 2)
    return padded(levels, fn, *args) if levels > 0 else fn(*args)


class TimeoutException(Exception):
    """Raised by the per-test SIGALRM; LCB classifies an error as a timeout by this name in its repr."""


def lcb_alarm_handler(signum, frame):
    # upstream prints before raising; inside a test that text lands in the captured stdout
    print("timeout occured: alarm went off")
    raise TimeoutException


def quiet_alarm_handler(signum, frame):
    raise TimeoutException


class Capturing(list):
    """stdout capture of testing_util: sys.stdout becomes a StringIO whose close() takes one argument."""

    def __enter__(self):
        self._stdout = sys.stdout
        sys.stdout = self._stringio = StringIO()
        self._stringio.close = lambda x: 1
        return self

    def __exit__(self, *args):
        self.append(self._stringio.getvalue())
        del self._stringio
        sys.stdout = self._stdout


class MockBuffer:
    """`sys.stdin.buffer` during an LCB test: read() is the whole input, readline() always the first line."""

    def __init__(self, inputs):
        self.inputs = inputs.encode("utf-8")

    def read(self, *args):
        return self.inputs

    def readline(self, *args):
        return self.inputs.split(b"\n")[0] + b"\n"


class MockStdinWithBuffer:
    """`sys.stdin` during an LCB test: non-consuming read(), StringIO readline(), split readlines(), no iteration."""

    def __init__(self, inputs):
        self.inputs = inputs
        self._stringio = StringIO(inputs)
        self.buffer = MockBuffer(inputs)

    def read(self, *args):
        return self.inputs

    def readline(self, *args):
        return self._stringio.readline(*args)

    def readlines(self, *args):
        return self.inputs.split("\n")

    def __getattr__(self, name):
        return getattr(self._stringio, name)


class LazyMockOpen:
    """`builtins.open` during an LCB test: `unittest.mock.mock_open(read_data=input)`, built on first use."""

    def __init__(self, data):
        self.data = data
        self.mock = None

    def __call__(self, *args, **kwargs):
        if self.mock is None:
            from unittest.mock import mock_open

            self.mock = mock_open(read_data=self.data)
        return self.mock(*args, **kwargs)


class AttributePatch:
    """Set an attribute for the duration of a block and undo it like `unittest.mock.patch` does."""

    def __init__(self, target, name, value):
        self.target, self.name, self.value = target, name, value

    def __enter__(self):
        holder = getattr(self.target, "__dict__", {})
        self.local = self.name in holder
        self.original = getattr(self.target, self.name)
        setattr(self.target, self.name, self.value)

    def __exit__(self, *exc):
        if self.local:
            setattr(self.target, self.name, self.original)
        else:
            try:
                delattr(self.target, self.name)
            except AttributeError:
                setattr(self.target, self.name, self.original)


def call_method(method, inputs):
    """testing_util.call_method: run `wrapped_function` with LCB's stdin patches; SystemExit is swallowed."""
    if isinstance(inputs, list):
        inputs = "\n".join(inputs)
    line_iterator = iter(inputs.split("\n"))
    mock_stdin = MockStdinWithBuffer(inputs)
    real_stdin = sys.stdin
    # entered in the order stacked `@patch` decorators enter: read, readlines, readline on the real stdin
    # (the object `from sys import *` bound at compile time), then sys.stdin, then builtins.open
    patches = [
        AttributePatch(real_stdin, "read", lambda *args: inputs),
        AttributePatch(real_stdin, "readlines", lambda *args: inputs.split("\n")),
        AttributePatch(real_stdin, "readline", lambda *args: next(line_iterator)),
        AttributePatch(sys, "stdin", mock_stdin),
        AttributePatch(builtins, "open", LazyMockOpen(inputs)),
    ]
    entered = []
    try:
        for patch in patches:
            patch.__enter__()
            entered.append(patch)
        try:
            return at_depth("stdin", method)
        except SystemExit:
            pass
    finally:
        for patch in reversed(entered):
            patch.__exit__(None, None, None)


def clean_if_name(code):
    """Replace a final `if __name__ == '__main__':` block by its body (as ast.unparse renders both)."""
    try:
        tree = ast.parse(code)
        last = tree.body[-1]
        if isinstance(last, ast.If) and ast.unparse(last.test).strip() == "__name__ == '__main__'":
            code = ast.unparse(tree.body[:-1]) + "\n" + ast.unparse(last.body)
    except Exception:
        pass
    return code


def make_function(code):
    """Hoist top-level imports and wrap every other statement into `def wrapped_function():`."""
    try:
        tree = ast.parse(code)
        imports = [s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]
        others = [s for s in tree.body if not isinstance(s, (ast.Import, ast.ImportFrom))]
        wrapped = ast.FunctionDef(
            name="wrapped_function",
            args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]),
            body=others,
            decorator_list=[],
            lineno=-1,
        )
        return IMPORT_HEADER + "\n" + ast.unparse(imports) + "\n" + ast.unparse(wrapped)
    except Exception:
        return code


def compile_code(code, timeout, fixed=False):
    """Exec the program into module `tmp_sol`; the text `class Solution` anywhere selects `Solution()`
    (`fixed`: a `Solution` class the program actually defines)."""
    signal.alarm(timeout)
    try:
        module = ModuleType("tmp_sol", "")
        at_depth("compile", exec, code, module.__dict__)
        if fixed:
            solution = module.__dict__.get("Solution")
            compiled = solution() if isinstance(solution, type) else module
        else:
            compiled = module.Solution() if "class Solution" in code else module
        assert compiled is not None
    finally:
        signal.alarm(0)
    return compiled


# what the graders return when they ran (upstream: the (results, metadata) pair, computed on the host here)
FINISHED = (None, None)


def get_function(compiled, name):
    try:
        assert hasattr(compiled, name)
        return getattr(compiled, name)
    except Exception:
        return None


def grade_call_based(payload, send, brief_str, encode, catch):
    code = IMPORT_HEADER + "\n\n" + payload["code"]
    compiled = compile_code(code, payload["timeout"], fixed=payload["mode"] == "fixed")
    method = get_function(compiled, payload["fn_name"])
    if method is None:
        return None  # the caller's tuple unpacking then fails, as upstream's does
    all_inputs = [[json.loads(line) for line in test.split("\n")] for test in payload["inputs"]]
    send({"event": "ready"})
    timeout = payload["timeout"]
    for index in range(payload["tests"]):
        args = all_inputs[index]
        signal.alarm(timeout)
        faulthandler.enable()
        try:
            start = time.time()
            prediction = at_depth("functional", method, *args)
            seconds = time.time() - start
            signal.alarm(0)
            if isinstance(prediction, tuple):
                prediction = list(prediction)
            send({"event": "test", "index": index, "seconds": seconds, "value": encode(prediction),
                  "args": brief_str(args)})
        except catch as e:
            signal.alarm(0)
            send({"event": "error", "index": index, "repr": repr(e), "args": brief_str(args)})
            return FINISHED
        finally:
            signal.alarm(0)
            faulthandler.disable()
    return FINISHED


def grade_stdio(payload, send):
    code = make_function(clean_if_name(payload["code"]))
    compiled = compile_code(code, payload["timeout"])
    method = get_function(compiled, "wrapped_function")
    if method is None:
        return None
    send({"event": "ready"})
    timeout = payload["timeout"]
    for index in range(payload["tests"]):
        test_input = payload["inputs"][index]
        signal.alarm(timeout)
        faulthandler.enable()
        signal.alarm(timeout)
        with Capturing() as captured:
            try:
                start = time.time()
                call_method(method, test_input)
                seconds = time.time() - start
                signal.alarm(0)
            except Exception as e:
                signal.alarm(0)
                send({"event": "error", "index": index, "repr": repr(e)})
                return FINISHED
            finally:
                signal.alarm(0)
                faulthandler.disable()
        send({"event": "test", "index": index, "seconds": seconds, "stdout": captured[0]})
    return FINISHED


class FreshStreams:
    """`--grader fixed` stdin tests: fd 0 holds the test input, fd 1 is captured, as for a real process."""

    def __init__(self, data):
        self.data = data.encode("utf-8", "surrogatepass")

    @staticmethod
    def high_memfd(name):
        # a program may have closed fd 0 (open(0) closes it): keep our own descriptors clear of 0-2
        fd = os.memfd_create(name)
        high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(fd)
        return high

    def __enter__(self):
        self.saved_in, self.saved_out = sys.stdin, sys.stdout
        stdin_fd = self.high_memfd("stdin")
        os.write(stdin_fd, self.data)
        os.lseek(stdin_fd, 0, os.SEEK_SET)
        os.dup2(stdin_fd, 0)
        os.close(stdin_fd)
        self.out_fd = self.high_memfd("stdout")
        self.saved_fd1 = fcntl.fcntl(1, fcntl.F_DUPFD_CLOEXEC, 10)
        os.dup2(self.out_fd, 1)
        sys.stdin = open(0, encoding="utf-8", closefd=False)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
        return self

    def captured(self):
        try:
            sys.stdout.flush()
        except Exception:
            pass
        os.lseek(self.out_fd, 0, os.SEEK_SET)
        chunks = []
        while True:
            chunk = os.read(self.out_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode("utf-8", "replace")

    def __exit__(self, *exc):
        os.dup2(self.saved_fd1, 1)
        os.close(self.saved_fd1)
        os.close(self.out_fd)
        sys.stdin, sys.stdout = self.saved_in, self.saved_out


def grade_stdio_fixed(payload, send):
    """`--grader fixed`: each test runs the program as a real `__main__` script with real stdin/stdout."""
    header = compile(IMPORT_HEADER, "<header>", "exec")
    program = compile(payload["code"], "<string>", "exec")
    send({"event": "ready"})
    timeout = payload["timeout"]
    for index in range(payload["tests"]):
        namespace = {"__name__": "__main__", "__builtins__": builtins}
        with FreshStreams(payload["inputs"][index]) as streams:
            signal.alarm(timeout)
            try:
                start = time.time()
                try:
                    exec(header, namespace)
                    exec(program, namespace)
                except SystemExit:
                    pass
                seconds = time.time() - start
                signal.alarm(0)
            except BaseException as e:
                signal.alarm(0)
                send({"event": "error", "index": index, "repr": repr(e)})
                return FINISHED
            finally:
                signal.alarm(0)
            stdout = streams.captured()
        send({"event": "test", "index": index, "seconds": seconds, "stdout": stdout})
    return FINISHED


# reliability_guard's settings inside modules it imports itself; applied when they are (if ever) imported,
# which saves importing shutil and subprocess in every run (observably the same to the program)
GUARDED_ATTRIBUTES = {"shutil": ("rmtree", "move", "chown"), "subprocess": ("Popen",)}


class GuardingLoader:
    """Runs the real loader, then sets the guarded attributes to None."""

    def __init__(self, loader, names):
        self.loader, self.names = loader, names

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        for name in self.names:
            setattr(module, name, None)


class GuardOnImport:
    """A meta-path finder that hands `shutil`/`subprocess` to GuardingLoader."""

    def find_spec(self, name, path=None, target=None):
        if name not in GUARDED_ATTRIBUTES:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                spec.loader = GuardingLoader(spec.loader, GUARDED_ATTRIBUTES[name])
                return spec
        return None


def reliability_guard():
    """testing_util.reliability_guard (no memory limit, as upstream calls it): disables destructive calls."""
    faulthandler.disable()
    builtins.quit = None
    os.environ["OMP_NUM_THREADS"] = "1"
    for name in ("kill", "system", "putenv", "remove", "removedirs", "rmdir", "fchdir", "setuid", "fork",
                 "forkpty", "killpg", "rename", "renames", "truncate", "replace", "unlink", "fchmod", "fchown",
                 "chmod", "chown", "chroot", "lchflags", "lchmod", "lchown", "getcwd", "chdir"):
        setattr(os, name, None)
    for module, names in GUARDED_ATTRIBUTES.items():
        if module in sys.modules:
            for name in names:
                setattr(sys.modules[module], name, None)
    sys.meta_path.insert(0, GuardOnImport())
    builtins.help = None
    for name in ("ipdb", "joblib", "resource", "psutil", "tkinter"):
        sys.modules[name] = None


def detach_std_streams():
    """Like a multiprocessing child: fd 0 and sys.stdin on /dev/null; program output to fd 1/2 is dropped."""
    null_in = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null_in, 0)
    os.close(null_in)
    sys.stdin = open(os.open(os.devnull, os.O_RDONLY), encoding="utf-8", closefd=False)
    null_out = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null_out, 1)
    os.dup2(null_out, 2)
    os.close(null_out)


STDERR_KEPT_BYTES = 16384


class StderrSink(io.RawIOBase):
    """Under the program's sys.stderr: keeps the run's first STDERR_KEPT_BYTES for the report and drops the
    rest, so a flood can neither fill memory nor trip an output limit (upstream leaves stderr unlimited).
    fileno() is fd 2 (/dev/null), so fd-level writes are dropped as before."""

    def __init__(self):
        self.kept = bytearray()
        self.taken = 0
        self.dropped = 0
        self.noted = False

    def writable(self):
        return True

    def fileno(self):
        return 2

    def isatty(self):
        return False

    def write(self, data):
        room = max(STDERR_KEPT_BYTES - len(self.kept), 0)
        self.kept += bytes(data[:room])
        self.dropped += len(data) - min(len(data), room)
        return len(data)

    def take(self):
        """The text written since the last take (with a note once the rest is being dropped)."""
        text = bytes(self.kept[self.taken:]).decode("utf-8", "replace")
        self.taken = len(self.kept)
        if self.dropped and not self.noted:
            self.noted = True
            text += f"\n... [stderr cut at {STDERR_KEPT_BYTES} bytes]\n"
        return text


def capture_stderr(send):
    """Give the program a sys.stderr whose text rides along with the next message `send` emits."""
    sink = StderrSink()
    stream = io.TextIOWrapper(io.BufferedWriter(sink), encoding="utf-8", errors="backslashreplace",
                              line_buffering=True)
    sys.stderr = stream

    def send_with_stderr(message):
        try:
            stream.flush()
        except Exception:  # the program closed or broke it
            pass
        text = sink.take()
        send(dict(message, stderr=text) if text else message)

    return send_with_stderr


def run_test(payload, send, brief_str, encode):
    """testing_util.run_test for one generation; an Exception escaping grading is 'Error during testing'."""
    fixed = payload["mode"] == "fixed"
    signal.signal(signal.SIGALRM, quiet_alarm_handler if fixed else lcb_alarm_handler)
    if not fixed:
        reliability_guard()
    signal.alarm(payload["timeout"])
    try:
        if payload["fn_name"] is None:
            outcome = grade_stdio_fixed(payload, send) if fixed else grade_stdio(payload, send)
        else:
            catch = BaseException if fixed else Exception
            outcome = grade_call_based(payload, send, brief_str, encode, catch)
        # upstream unpacks `results, metadata`; a grader that returned None fails right here
        results, metadata = outcome
    except Exception as e:
        send({"event": "setup_error", "message": str(e)})
        return False
    finally:
        signal.alarm(0)
    return True


def main():
    payload = json.loads(sys.stdin.buffer.read())
    # upstream's grading child inherits numpy (and, through HF datasets, pandas) from its parent; importing
    # them after reliability_guard fails (platform.uname needs subprocess), so import them first
    for name in payload.get("preload", []):
        __import__(name)
    detach_std_streams()
    send_with_stderr = capture_stderr(send)
    sys.set_int_max_str_digits(50000)
    if run_test(payload, send_with_stderr, brief_str, encode):
        send_with_stderr({"event": "done"})


main()
