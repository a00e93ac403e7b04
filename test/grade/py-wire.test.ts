/**
 * The typed encoding round trip against CPython: values built in Python (floats, big ints, Unicode
 * strings, tuples, sets, dicts with mixed keys, bytes, complex, subclasses, numpy scalars and arrays,
 * objects) are encoded by the driver's `wire.py`, decoded here, and must render exactly as Python's
 * `str()` and `repr()`; `brief_str` must equal `truncatefn(str(x))` without building the string.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodeWire } from '../../src/grade/py-wire.ts';
import { truncatefn } from '../../src/grade/truncatefn.ts';
import { pyRepr, pyStr } from '../../src/python/repr.ts';
import { runPython } from '../python/python-oracle.ts';

const WIRE = fileURLToPath(new URL('../../src/sandbox/python/lcb/wire.py', import.meta.url));

const PROGRAM = `
import json, random, sys, types, collections, enum, decimal
import numpy as np
sys.modules["hrm_sandbox"] = types.ModuleType("hrm_sandbox")
exec(open(${JSON.stringify(WIRE)}).read())
sys.set_int_max_str_digits(50000)
random.seed(29)

class Color(enum.IntEnum):
    RED = 1

class Point:
    def __init__(self, x): self.x = x
    def __repr__(self): return f"Point({self.x})"

def scalar():
    return random.choice([
        lambda: random.randint(-10, 10), lambda: random.randint(-2**70, 2**70), lambda: 10**400,
        lambda: random.uniform(-1e6, 1e6), lambda: random.choice([0.1, 1e16, 1.5e-7, -0.0, float("inf"), float("nan"), 1e22]),
        lambda: random.choice(["", "a", "it's", 'say "x"', "tab\\tnl\\n", "é中\\u2028\\x00\\U0001F600", "\\ud800"]),
        lambda: random.choice([True, False, None]), lambda: b"\\x00'a\\xff", lambda: complex(1.5, -2),
        lambda: Color.RED, lambda: np.int64(7), lambda: np.float64(0.25), lambda: np.bool_(True),
        lambda: decimal.Decimal("1.50"), lambda: Point(3),
    ])()

def hashable_value(x):
    try:
        hash(x)
        return True
    except TypeError:
        return False

def value(depth):
    if depth == 0 or random.random() < 0.3:
        return scalar()
    kind = random.randrange(8)
    items = [value(depth - 1) for _ in range(random.randrange(4))]
    hashable = [x for x in items if hashable_value(x)]
    if kind == 0: return items
    if kind == 1: return tuple(items)
    if kind == 2: return {k: v for k, v in zip(hashable, items)}
    if kind == 3: return set(hashable)
    if kind == 4: return frozenset(hashable)
    if kind == 5: return collections.Counter("abca")
    if kind == 6: return collections.deque(items)
    return [list(range(random.randrange(200))), "x" * random.randrange(400)]

out = []
for _ in range(400):
    v = value(3)
    out.append({"wire": encode(v), "str": str(v), "repr": repr(v), "brief": brief_str(v), "trunc": (lambda s: s if len(s) <= 300 else s[:150] + "...(truncated) ..." + s[-150:])(str(v))})
out.append({"wire": encode(np.array([[1, 2], [3, 4]])), "str": str(np.array([[1, 2], [3, 4]])), "repr": repr(np.array([[1, 2], [3, 4]])), "brief": "", "trunc": ""})
print(json.dumps(out))
`;

describe('typed encoding of Python values', () => {
  const samples = runPython<{ wire: unknown; str: string; repr: string; brief: string; trunc: string }[]>(
    PROGRAM,
    null,
  );

  it('decodes to values that render exactly as str() and repr() do in Python', () => {
    for (const sample of samples) {
      const value = decodeWire(sample.wire);
      assert.equal(pyRepr(value), sample.repr);
      assert.equal(pyStr(value), sample.str);
    }
  });

  it('brief_str equals truncatefn(str(x)), and so does the host truncating the rendering', () => {
    for (const sample of samples.slice(0, -1)) {
      assert.equal(sample.brief, sample.trunc);
      assert.equal(truncatefn(pyStr(decodeWire(sample.wire))), sample.trunc);
    }
  });
});
