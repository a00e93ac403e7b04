"""Build the embedded sample set's LCB-shaped files from the problem specifications.

Run with Debian's /usr/bin/python3 (the format of `private_test_cases` is Python's pickle); normally through
`node --import tsx scripts/sample/build.ts`, which also writes the Parquet files. Usage:

    /usr/bin/python3 scripts/sample/build.py OUT_DIR

For every problem it runs the reference solution on each test input to get the expected output, checks that
each test runs well under 100 ms, and checks that the wrong variant fails at least one test under LCB's
comparison rules. It writes, under OUT_DIR:

    code_generation_lite/test.jsonl … test6.jsonl   one row per problem, in its release file
    references/code_generation.jsonl                reference solution + wrong variant per problem
    references/test_output_prediction.jsonl         true (and a wrong) output literal per prediction row
    references/code_execution.jsonl                 true (and a wrong) output literal per execution row
    test_generation.jsonl, execution.jsonl          rows that build.ts turns into the Parquet files
"""

import ast
import base64
import copy
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
import zlib
from decimal import Decimal, InvalidOperation

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.set_int_max_str_digits(50000)

from problems_functional import PROBLEMS as FUNCTIONAL  # noqa: E402
from problems_stdin import PROBLEMS as STDIN  # noqa: E402

RELEASE_FILES = ["test.jsonl", "test2.jsonl", "test3.jsonl", "test4.jsonl", "test5.jsonl", "test6.jsonl"]
MAX_TEST_SECONDS = 0.1
SHORT_CALL_CHARS = 160
FUNCTIONAL_HEADER = (
    "from typing import *\nfrom collections import *\nfrom heapq import *\nfrom bisect import *\n"
    "from itertools import *\nfrom functools import *\nfrom math import *\n"
)
# names the functional solutions use, and where a standalone function must import them from
IMPORTABLE = {
    "List": "typing", "Counter": "collections", "deque": "collections", "defaultdict": "collections",
    "bisect_left": "bisect", "bisect_right": "bisect", "insort": "bisect", "heappush": "heapq",
    "heappop": "heapq", "heapify": "heapq",
}
STDIN_DRIVER = """
import sys, time
source = open(sys.argv[1]).read()
start = time.perf_counter()
exec(compile(source, '<solution>', 'exec'), {'__name__': '__main__'})
sys.stdout.flush()
sys.stderr.write('\\nELAPSED %.6f\\n' % (time.perf_counter() - start))
"""


def fail(message):
    sys.exit(f"build.py: {message}")


# ---- running solutions ---------------------------------------------------------------------------

def call_functional(code, func_name, args):
    namespace = {}
    exec(compile(FUNCTIONAL_HEADER + code, "<solution>", "exec"), namespace)
    method = getattr(namespace["Solution"](), func_name)
    start = time.perf_counter()
    result = method(*copy.deepcopy(args))
    return result, time.perf_counter() - start


def run_stdin(code, stdin):
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(code)
        path = handle.name
    try:
        done = subprocess.run([sys.executable, "-c", STDIN_DRIVER, path], input=stdin, capture_output=True,
                              text=True, timeout=30)
    finally:
        os.unlink(path)
    if done.returncode != 0:
        return None, done.stderr, 0.0
    elapsed = float(done.stderr.rsplit("ELAPSED", 1)[1])
    return done.stdout, "", elapsed


# ---- LCB's comparisons (docs/lcb.md §6.5, §6.6) ----------------------------------------------------

def stdout_matches(pred, expected):
    def lines(text):
        return [part.strip() for part in text.strip().split("\n")]
    got, want = lines(pred), lines(expected)
    if len(got) != len(want):
        return False
    for a, b in zip(got, want):
        if a == b:
            continue
        try:
            if [Decimal(x) for x in a.split()] != [Decimal(x) for x in b.split()]:
                return False
        except InvalidOperation:
            return False
    return True


def functional_matches(result, expected_json):
    if isinstance(result, tuple):
        result = list(result)
    return result == json.loads(expected_json)


# ---- statements ------------------------------------------------------------------------------------

def param_names(signature):
    tree = ast.parse(signature.strip() + "\n    pass")
    return [a.arg for a in tree.body[0].args.args][1:]


def compact(value):
    return json.dumps(value, separators=(",", ":"))


def leetcode_statement(p, tests):
    names = param_names(p["signature"])
    parts = [p["body"], " "]
    for i, test in enumerate(tests[: p["public"]], 1):
        args = ", ".join(f"{n} = {compact(v)}" for n, v in zip(names, test["args"]))
        parts.append(f"Example {i}:\n\nInput: {args}\nOutput: {compact(json.loads(test['output']))}\n")
    parts.append(" \nConstraints:\n\n" + p["constraints"])
    return "\n".join(parts) + "\n"


def atcoder_statement(p, tests):
    parts = [p["body"], "", "Input", "", "The input is given from Standard Input in the following format:",
             p["input_format"], "", "Output", "", p["output_format"], "", "Constraints", "", p["constraints"], ""]
    for i, test in enumerate(tests[: p["public"]], 1):
        parts += [f"Sample Input {i}", "", test["input"], f"Sample Output {i}", "", test["output"]]
    return "\n".join(parts)


def codeforces_statement(p, tests):
    parts = [p["body"], "Input", "", p["input_format"], "Output", "", p["output_format"]]
    for i, test in enumerate(tests[: p["public"]], 1):
        parts += [f"Sample Input {i}:", test["input"], f"Sample Output {i}:", test["output"]]
    return "\n".join(parts)


# ---- building one problem ---------------------------------------------------------------------------

def build_tests(p):
    tests = []
    if p["kind"] == "functional":
        for args in p["tests"]:
            result, seconds = call_functional(p["solution"], p["func_name"], list(args))
            if isinstance(result, tuple):
                result = list(result)
            tests.append(dict(args=list(args), result=result, seconds=seconds,
                              input="\n".join(json.dumps(a) for a in args), output=json.dumps(result)))
    else:
        for stdin in p["tests"]:
            out, err, seconds = run_stdin(p["solution"], stdin)
            if out is None:
                fail(f"{p['question_id']}: reference solution crashed:\n{err}")
            tests.append(dict(input=stdin, output=out, seconds=seconds))
    slow = [t["seconds"] for t in tests if t["seconds"] > MAX_TEST_SECONDS]
    if slow:
        fail(f"{p['question_id']}: reference takes {max(slow):.3f} s on a test (limit {MAX_TEST_SECONDS} s)")
    if len(tests) < 5:
        fail(f"{p['question_id']}: needs at least 5 tests, has {len(tests)}")
    return tests


def wrong_fails(p, tests):
    for test in tests:
        if p["kind"] == "functional":
            try:
                result, _ = call_functional(p["wrong"], p["func_name"], test["args"])
            except Exception:
                return True
            if not functional_matches(result, test["output"]):
                return True
        else:
            out, _, _ = run_stdin(p["wrong"], test["input"])
            if out is None or not stdout_matches(out, test["output"]):
                return True
    return False


def encode_private(tests):
    """base64(zlib(pickle(json text))), exactly as the HF release files hold private tests."""
    return base64.b64encode(zlib.compress(pickle.dumps(json.dumps(tests), protocol=4))).decode("ascii")


def codegen_row(p, tests):
    testtype = "functional" if p["kind"] == "functional" else "stdin"
    cases = [dict(input=t["input"], output=t["output"], testtype=testtype) for t in tests]
    public, private = cases[: p["public"]], cases[p["public"]:]
    statement = {"leetcode": leetcode_statement, "atcoder": atcoder_statement,
                 "codeforces": codeforces_statement}[p["platform"]](p, tests)
    return {
        "question_title": p["question_title"],
        "question_content": statement,
        "platform": p["platform"],
        "question_id": p["question_id"],
        "contest_id": p["contest_id"],
        "contest_date": p["contest_date"],
        "starter_code": p["starter_code"],
        "difficulty": p["difficulty"],
        "public_test_cases": json.dumps(public),
        "private_test_cases": encode_private(private) if p["compress"] else json.dumps(private),
        "metadata": json.dumps({"func_name": p["func_name"]} if p["kind"] == "functional" else {}),
    }


# ---- derived scenarios -------------------------------------------------------------------------------

def wrong_literal(value):
    """A Python literal for a value that is not equal to `value`."""
    if isinstance(value, bool):
        return repr(not value)
    if isinstance(value, (int, float)):
        return repr(value + 1)
    if isinstance(value, str):
        return repr(value + "x")
    if isinstance(value, list):
        return repr(value + [value[-1]] if value else [0])
    fail(f"no wrong literal for {value!r}")


def standalone_function(p):
    """The reference method as a plain function (what LCB's code-execution rows look like)."""
    tree = ast.parse(p["solution"])
    method = next(node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name == p["func_name"])
    method.args.args = method.args.args[1:]
    if any(isinstance(node, ast.Name) and node.id == "self" for node in ast.walk(method)):
        fail(f"{p['question_id']}: the method uses self; it cannot become a plain function")
    used = {node.id for node in ast.walk(method) if isinstance(node, ast.Name)}
    used |= {node.id for node in ast.walk(method.returns) if isinstance(node, ast.Name)} if method.returns else set()
    for arg in method.args.args:
        if arg.annotation is not None:
            used |= {node.id for node in ast.walk(arg.annotation) if isinstance(node, ast.Name)}
    by_module = {}
    for name in sorted(used & IMPORTABLE.keys()):
        by_module.setdefault(IMPORTABLE[name], []).append(name)
    imports = "".join(f"from {m} import {', '.join(names)}\n" for m, names in sorted(by_module.items()))
    return (imports + "\n" if imports else "") + ast.unparse(method) + "\n"


def count_steps(code, name, args):
    namespace = {}
    exec(compile(code, "<execution>", "exec"), namespace)
    steps = 0

    def tracer(frame, event, arg):
        nonlocal steps
        if event == "line":
            steps += 1
        return tracer

    sys.settrace(tracer)
    try:
        result = namespace[name](*copy.deepcopy(args))
    finally:
        sys.settrace(None)
    return result, steps


def short_tests(p, tests, limit):
    names = param_names(p["signature"])
    picked = []
    for test in tests:
        call = ", ".join(f"{n} = {v!r}" for n, v in zip(names, test["args"]))
        if len(call) <= SHORT_CALL_CHARS:
            picked.append((test, call))
        if len(picked) == limit:
            break
    return picked


def derived_rows(p, tests, codegen, state):
    top_rows, top_refs, exec_rows, exec_refs = [], [], [], []
    starter = p["starter_code"] + "pass"
    for test_id, (test, _) in enumerate(short_tests(p, tests, 2)):
        top_rows.append({
            "question_title": p["question_title"], "question_content": codegen["question_content"],
            "question_id": p["question_id"], "contest_id": p["contest_id"], "contest_date": p["contest_date"],
            "difficulty": p["difficulty"],
            "test": json.dumps([dict(input=test["input"], output=test["output"], testtype="functional")]),
            "starter_code": starter, "function_name": p["func_name"], "test_id": test_id,
        })
        top_refs.append({"question_id": p["question_id"], "test_id": test_id, "output": repr(test["result"]),
                         "wrong_output": wrong_literal(test["result"])})
    code = standalone_function(p)
    for test, call in short_tests(p, tests, 2):
        result, steps = count_steps(code, p["func_name"], test["args"])
        literal = repr(result)
        if eval(literal) != result:
            fail(f"{p['question_id']}: output literal {literal} does not round-trip")
        sample_id = f"sample_{state['next_execution_id']}"
        state["next_execution_id"] += 1
        exec_rows.append({
            "question_id": int(p["question_id"]), "id": sample_id, "function_name": p["func_name"], "code": code,
            "input": f"{p['func_name']}({call})", "output": literal, "numsteps": steps,
            "problem_id": [int(p["question_id"]), len(exec_rows)], "contest_id": p["contest_id"],
            "contest_date": p["contest_date"], "difficulty": p["difficulty"],
        })
        exec_refs.append({"id": sample_id, "output": literal, "wrong_output": wrong_literal(result)})
    return top_rows, top_refs, exec_rows, exec_refs


# ---- main -------------------------------------------------------------------------------------------

def write_jsonl(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")


def main():
    if len(sys.argv) != 2:
        fail("usage: build.py OUT_DIR")
    out = sys.argv[1]
    problems = sorted(FUNCTIONAL + STDIN, key=lambda p: (p["contest_date"], p["question_id"]))
    ids = [p["question_id"] for p in problems]
    if len(set(ids)) != len(ids):
        fail("duplicate question ids")
    files = {name: [] for name in RELEASE_FILES}
    refs, top_rows, top_refs, exec_rows, exec_refs = [], [], [], [], []
    state = {"next_execution_id": 0}
    for p in problems:
        tests = build_tests(p)
        if not wrong_fails(p, tests):
            fail(f"{p['question_id']}: the wrong variant passes every test")
        row = codegen_row(p, tests)
        files[RELEASE_FILES[p["release"] - 1]].append(row)
        refs.append({"question_id": p["question_id"], "solution": p["solution"], "wrong_solution": p["wrong"],
                     "wrong_note": p["wrong_note"]})
        if p["kind"] == "functional":
            more = derived_rows(p, tests, row, state)
            top_rows += more[0]
            top_refs += more[1]
            exec_rows += more[2]
            exec_refs += more[3]
        print(f"{p['question_id']:>10} {p['platform']:<10} {p['difficulty']:<6} {len(tests)} tests, "
              f"slowest {max(t['seconds'] for t in tests) * 1000:.1f} ms")
    for name, rows in files.items():
        write_jsonl(os.path.join(out, "code_generation_lite", name), rows)
    write_jsonl(os.path.join(out, "references", "code_generation.jsonl"), refs)
    write_jsonl(os.path.join(out, "references", "test_output_prediction.jsonl"), top_refs)
    write_jsonl(os.path.join(out, "references", "code_execution.jsonl"), exec_refs)
    write_jsonl(os.path.join(out, "test_generation.jsonl"), top_rows)
    write_jsonl(os.path.join(out, "execution.jsonl"), exec_rows)
    print(f"{len(problems)} problems ({len(FUNCTIONAL)} functional, {len(STDIN)} stdin), "
          f"{len(top_rows)} test-output-prediction rows, {len(exec_rows)} code-execution rows")


if __name__ == "__main__":
    main()
