# LCB code-execution driver: runs each predicted output the way
# `compute_code_execution_metrics.evaluate_score` (commit 28fef95) runs
# `BASE_IMPORTS + "\n" + code + "\nassert " + output + " == " + prediction` in a fresh guarded process,
# except that the true output never comes in: it is replaced by a placeholder name, and each comparison
# with it becomes a probe that reports the other operand's typed value to the host, which knows the
# true output and decides. When the comparison is the whole final assertion the probe's answer is the
# verdict; otherwise the program forks at the probe and runs on in both worlds (comparison true, false),
# and the host follows the world that matches the real comparison.
# Payload on stdin (JSON): {"code", "predictions": [{"index", "text"}], "timeout": seconds,
#   "mode": "lcb" | "fixed", "reference": null | true-output text (a trusted evaluation of that text)}.
# Messages: {"event": "probe", "index", "path", "value", "decides"} | {"event": "end", "index", "path",
#   "passed", "error"?} | {"event": "done"}
import ast
import builtins
import contextlib
import faulthandler
import io
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile

BASE_IMPORTS = """from itertools import accumulate, chain, combinations, count, permutations, product, groupby, islice, repeat
from copy import deepcopy
from string import ascii_lowercase
from math import floor, log2, log10, sqrt, comb, gcd, ceil, inf, isqrt
from collections import defaultdict, deque, Counter
from bisect import bisect, bisect_left, bisect_right, insort
from heapq import heappush, heappop, heapify, merge
from functools import reduce, cache, lru_cache
from random import randrange, shuffle
from operator import itemgetter, sub
from re import search as re_search  # Assuming 're' refers to a regex search
from os.path import commonprefix
from typing import List, Tuple, Dict, Set, Optional, Union, Any, Callable, Iterable, Iterator, Generator
import copy
import string
import math
import collections
import bisect
import heapq
import functools
import random
import itertools
import operator
import re
import numpy as np
import pandas as pd
from math import log, prod  # 'log' and 'prod' are functions in the math module
from collections import deque, defaultdict, Counter, OrderedDict
from itertools import accumulate, permutations, combinations, product, groupby, islice, chain, repeat, zip_longest, cycle
from functools import lru_cache, reduce, partial
# from sortedcontainers import SortedList, SortedDict, SortedSet
# import sortedcontainers
from operator import iand
import sys
"""

PLACEHOLDER = "__lcb_expected_output__"
PROBE = "__lcb_probe__"
CHAIN = "__lcb_chain_value__"
MAX_PROBES = 4

_fork, _killpg, _waitpid, _exit, _setpgid = os.fork, os.killpg, os.waitpid, os._exit, os.setpgid


class TimeoutException(Exception):
    pass


class Decided(BaseException):
    """The probe's answer is the verdict: stop running this program."""


def on_alarm(signum, frame):
    raise TimeoutException("Timed out!")


class WriteOnlyStringIO(io.StringIO):
    """Swallows program output; reading raises, as in upstream's `swallow_io`."""

    def read(self, *args, **kwargs):
        raise OSError

    def readline(self, *args, **kwargs):
        raise OSError

    def readlines(self, *args, **kwargs):
        raise OSError

    def readable(self, *args, **kwargs):
        return False


@contextlib.contextmanager
def swallow_io():
    stream = WriteOnlyStringIO()
    saved = sys.stdout, sys.stderr, sys.stdin
    sys.stdout = sys.stderr = sys.stdin = stream
    try:
        yield
    finally:
        sys.stdout, sys.stderr, sys.stdin = saved


def reliability_guard():
    """utils_execute.reliability_guard: like testing_util's, and `exit` is disabled too."""
    faulthandler.disable()
    builtins.exit = None
    builtins.quit = None
    os.environ["OMP_NUM_THREADS"] = "1"
    for name in ("kill", "system", "putenv", "remove", "removedirs", "rmdir", "fchdir", "setuid", "fork",
                 "forkpty", "killpg", "rename", "renames", "truncate", "replace", "unlink", "fchmod", "fchown",
                 "chmod", "chown", "chroot", "lchflags", "lchmod", "lchown", "getcwd", "chdir"):
        setattr(os, name, None)
    shutil.rmtree = None
    shutil.move = None
    shutil.chown = None
    subprocess.Popen = None
    builtins.help = None
    for name in ("ipdb", "joblib", "resource", "psutil", "tkinter"):
        sys.modules[name] = None


def wait_or_kill(pid, seconds):
    """Wait for a child like `Process.join(seconds)`, then kill its process group if it still runs."""
    pidfd = os.pidfd_open(pid)
    try:
        ready, _, _ = select.select([pidfd], [], [], max(seconds, 0))
        if not ready:
            try:
                _killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _waitpid(pid, 0)
    finally:
        os.close(pidfd)


class Probes(ast.NodeTransformer):
    """Turns each `PLACEHOLDER == x ...` comparison into a probe call on `x` (chains keep their tail)."""

    def __init__(self):
        self.found = []

    def visit_Compare(self, node):
        self.generic_visit(node)
        left = node.left
        if not (isinstance(left, ast.Name) and left.id == PLACEHOLDER and isinstance(node.ops[0], ast.Eq)):
            return node
        first = node.comparators[0]
        if len(node.ops) == 1:
            call = ast.Call(func=ast.Name(id=PROBE, ctx=ast.Load()), args=[first], keywords=[])
            self.found.append(call)
            return call
        held = ast.NamedExpr(target=ast.Name(id=CHAIN, ctx=ast.Store()), value=first)
        call = ast.Call(func=ast.Name(id=PROBE, ctx=ast.Load()), args=[held], keywords=[])
        self.found.append(call)
        rest = ast.Compare(left=ast.Name(id=CHAIN, ctx=ast.Load()), ops=node.ops[1:],
                           comparators=node.comparators[1:])
        return ast.BoolOp(op=ast.And(), values=[call, rest])


class World:
    """One line of execution: `path` holds the answers the probes got so far ('T'/'F')."""

    def __init__(self, index, deciding):
        self.index = index
        self.path = ""
        self.deciding = deciding

    def probe(self, value):
        send({"event": "probe", "index": self.index, "path": self.path, "value": encode(value),
              "decides": self.deciding})
        if self.deciding:
            raise Decided
        if len(self.path) >= MAX_PROBES:
            raise RuntimeError("too many comparisons with the expected output")
        remaining = signal.setitimer(signal.ITIMER_REAL, 0)[0]
        pid = _fork()
        if pid == 0:
            _setpgid(0, 0)
            self.path += "T"
            if remaining:
                signal.setitimer(signal.ITIMER_REAL, remaining)
            return True
        wait_or_kill(pid, remaining + 1 if remaining else 10)
        self.path += "F"
        if remaining:
            signal.setitimer(signal.ITIMER_REAL, remaining)
        return False


def lcb_program(code, prediction, index):
    """The spliced upstream program with the placeholder and probes, and its World."""
    source = f"{BASE_IMPORTS}\n{code}\nassert {PLACEHOLDER} == {prediction}"
    tree = ast.parse(source)
    probes = Probes()
    tree = probes.visit(tree)
    last = tree.body[-1] if tree.body else None
    deciding = (len(probes.found) == 1 and isinstance(last, ast.Assert) and last.test is probes.found[0])
    ast.fix_missing_locations(tree)
    return compile(tree, "<string>", "exec"), World(index, deciding)


def run_prediction(payload, item):
    """In a fresh child: guard, swallow I/O, time limit, run; report through the probes and an end message."""
    index, prediction = item["index"], item["text"]
    world = None
    passed, error = False, None
    try:
        os.chdir(tempfile.mkdtemp())
        reliability_guard()
        exec_globals = {}
        if payload["mode"] == "fixed":
            world = World(index, True)
            program = compile(f"{BASE_IMPORTS}\n{payload['code']}", "<string>", "exec")
            expression = compile(prediction, "<prediction>", "eval")
        else:
            program, world = lcb_program(payload["code"], prediction, index)
            expression = None
        exec_globals[PROBE] = world.probe
        with swallow_io():
            signal.setitimer(signal.ITIMER_REAL, payload["timeout"])
            try:
                exec(program, exec_globals)
                if expression is not None:
                    world.probe(eval(expression, exec_globals))
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        passed = True
    except Decided:
        _exit(0)
    except BaseException as e:
        error = repr(e)
    send({"event": "end", "index": index, "path": world.path if world else "", "passed": passed,
          "error": error})
    _exit(0)


def run_reference(payload):
    """A trusted evaluation of the true output's text, after the problem's code (no prediction involved)."""
    signal.setitimer(signal.ITIMER_REAL, payload["timeout"])
    try:
        exec_globals = {}
        with swallow_io():
            exec(f"{BASE_IMPORTS}\n{payload['code']}", exec_globals)
            value = eval(payload["reference"], exec_globals)
        signal.setitimer(signal.ITIMER_REAL, 0)
        send({"event": "probe", "index": -1, "path": "", "value": encode(value), "decides": True})
    except BaseException as e:
        signal.setitimer(signal.ITIMER_REAL, 0)
        send({"event": "end", "index": -1, "path": "", "passed": False, "error": repr(e)})


def main():
    payload = json.loads(sys.stdin.buffer.read())
    sys.set_int_max_str_digits(50000)
    signal.signal(signal.SIGALRM, on_alarm)
    if payload.get("reference") is not None:
        run_reference(payload)
    else:
        for item in payload["predictions"]:
            pid = _fork()
            if pid == 0:
                _setpgid(0, 0)  # its worlds share the group, so a kill takes them all
                run_prediction(payload, item)
            wait_or_kill(pid, payload["timeout"] + 1)
    send({"event": "done"})


main()
