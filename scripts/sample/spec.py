"""Problem specifications of the embedded sample set: small helpers the problem files use.

A problem is a dict. The build script (build.py) runs its reference solution on its test inputs to get
the expected outputs, checks that the wrong variant fails, and writes LCB-shaped rows.
"""

import random

LEETCODE_IMPORTS = "from typing import List\n"


def leetcode(*, qid, slug, contest, date, difficulty, release, body, constraints, signature, solution,
             wrong, wrong_note, tests, public=2, compress=False):
    """A LeetCode-style (functional) problem. `tests` holds argument tuples; the first `public` are examples."""
    name = signature.split("def ", 1)[1].split("(", 1)[0]
    return dict(
        kind="functional", platform="leetcode", question_id=qid, question_title=slug, contest_id=contest,
        contest_date=date, difficulty=difficulty, release=release, body=body.strip("\n"),
        constraints=constraints.strip("\n"), starter_code=f"class Solution:\n    {signature}\n        ",
        func_name=name, signature=signature, solution=solution.strip("\n") + "\n",
        wrong=wrong.strip("\n") + "\n", wrong_note=wrong_note, tests=[tuple(t) for t in tests],
        public=public, compress=compress,
    )


def stdin_problem(*, platform, qid, title, contest, date, difficulty, release, body, input_format,
                  output_format, constraints, solution, wrong, wrong_note, tests, public=2, compress=False):
    """An AtCoder/Codeforces-style (stdin) problem. `tests` holds stdin texts; the first `public` are samples."""
    return dict(
        kind="stdin", platform=platform, question_id=qid, question_title=title, contest_id=contest,
        contest_date=date, difficulty=difficulty, release=release, body=body.strip("\n"),
        input_format=input_format.strip("\n"), output_format=output_format.strip("\n"),
        constraints=constraints.strip("\n"), starter_code="", solution=solution.strip("\n") + "\n",
        wrong=wrong.strip("\n") + "\n", wrong_note=wrong_note, tests=list(tests), public=public,
        compress=compress,
    )


def rng(seed):
    """A seeded random source, so every rebuild writes the same tests."""
    return random.Random(seed)


def ints(r, n, lo, hi):
    return [r.randint(lo, hi) for _ in range(n)]


def line(values):
    return " ".join(str(v) for v in values)
