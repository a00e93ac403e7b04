# LCB test-output-prediction driver: evaluates predicted assertion outputs inside the sandbox, the way
# `compute_test_output_prediction_metrics.check_testcase_output` (commit 28fef95) picks and `eval`s them.
# The expected output never comes in: the host compares the typed value with it.
# Payload on stdin (JSON): {"predictions": [text, ...], "timeout": seconds, "mode": "lcb" | "fixed"}.
# Messages: {"event": "value", "index", "value"} | {"event": "error", "index", "repr"} | {"event": "done"}
import ast
import builtins
import json
import signal
import sys


class TimeoutException(Exception):
    """Raised when one evaluation passes the time limit (upstream has none and would hang)."""


def on_alarm(signum, frame):
    raise TimeoutException


def parse_assert_statement(statement):
    """The source text right of the first `==` of an `assert`, or upstream's fixed explanation strings."""
    try:
        parsed = ast.parse(statement, mode="exec")
    except SyntaxError:
        return "Invalid syntax"
    if len(parsed.body) == 0:
        return "Empty statement"
    if not isinstance(parsed.body[0], ast.Assert):
        return "Not an assert statement"
    comparison = parsed.body[0].test
    if not isinstance(comparison, ast.Compare) or not isinstance(comparison.ops[0], ast.Eq):
        return "Not an equality assertion"
    return ast.get_source_segment(statement, comparison.comparators[0])


def output_text(prediction):
    """What check_testcase_output evaluates: the first non-comment line with `assert`, its right side."""
    if len(prediction.splitlines()) > 1:
        for line in prediction.splitlines():
            if line.startswith("#"):
                continue
            if "assert" in line:
                prediction = line
                break
    prediction = prediction.strip()
    if "assert" in prediction:
        return str(parse_assert_statement(prediction))
    return prediction


def main():
    payload = json.loads(sys.stdin.buffer.read())
    signal.signal(signal.SIGALRM, on_alarm)
    fixed = payload["mode"] == "fixed"
    # upstream evaluates in its module's globals (shared across predictions) and the function's locals
    shared_globals = {"__builtins__": builtins} if fixed else {
        "__builtins__": builtins, "ast": ast, "json": json, "parse_assert_statement": parse_assert_statement}
    for index, prediction in enumerate(payload["predictions"]):
        text = output_text(prediction)
        local_names = {} if fixed else {"testcase_str": prediction, "testcase_output_str": text,
                                        "global_result": None}
        signal.alarm(payload["timeout"])
        try:
            value = eval(text, shared_globals, local_names)
            signal.alarm(0)
            send({"event": "value", "index": index, "value": encode(value)})
        except BaseException as e:
            signal.alarm(0)
            send({"event": "error", "index": index, "repr": repr(e)})
    send({"event": "done"})


main()
