# Shared part of the LCB drivers (prepended to each driver's source by src/judge/drivers.ts).
# `encode` turns a Python value into the typed JSON encoding that src/grade/py-wire.ts decodes;
# `brief_str` is LCB's `truncatefn(str(x))` without building the whole string for big containers;
# `send` emits one JSON message to the host through the sandbox's message channel.
import json as _json
import sys as _sys

import hrm_sandbox as _hrm_sandbox

_SAFE_INT = 2**53
_MAX_DEPTH = 500
_TRUNCATE = 300


def send(message):
    """Emit one message (a dict) to the host."""
    _hrm_sandbox.emit(_json.dumps(message, separators=(",", ":")).encode("ascii"))


def _text(fn, value):
    try:
        out = fn(value)
        return out if type(out) is str else "<unrepresentable>"
    except BaseException:
        return "<unrepresentable>"


def _own_eq(cls):
    return any("__eq__" in vars(k) for k in cls.__mro__ if k is not object)


def _numpy_value(value):
    numpy = _sys.modules.get("numpy")
    if numpy is None:
        return None
    if isinstance(value, numpy.ndarray):
        items = [_encode(x, 1) for x in value.ravel().tolist()] if value.dtype != object else [
            _encode(x, 1) for x in value.ravel()]
        return {"ndarray": {"shape": list(value.shape), "items": items,
                            "repr": _text(repr, value), "str": _text(str, value)}}
    if isinstance(value, numpy.generic):
        return {"shown": {"value": _encode(value.item(), 1), "repr": _text(repr, value),
                          "str": _text(str, value)}}
    return None


def _float(value):
    return {"float": repr(float(value))}


def _encode(value, depth):
    kind = type(value)
    if kind is int:
        return value if -_SAFE_INT < value < _SAFE_INT else {"int": str(value)}
    if value is None or kind is bool or kind is str:
        return value
    if kind is float:
        return _float(value)
    if depth > _MAX_DEPTH:
        return _opaque(value)
    if kind is list:
        if all(type(x) is int for x in value) and (not value or (-_SAFE_INT < min(value) and max(value) < _SAFE_INT)):
            return value
        return [_encode(x, depth + 1) for x in value]
    if kind is tuple:
        return {"tuple": [_encode(x, depth + 1) for x in value]}
    if kind is dict:
        return {"dict": [[_encode(k, depth + 1), _encode(v, depth + 1)] for k, v in value.items()]}
    if kind is set or kind is frozenset:
        return {kind.__name__: [_encode(x, depth + 1) for x in value]}
    if kind is bytes:
        import base64
        return {"bytes": base64.b64encode(value).decode("ascii")}
    if kind is complex:
        return {"complex": [repr(value.real), repr(value.imag)]}
    array = _numpy_value(value)
    if array is not None:
        return array
    # subclasses of builtins (Counter, defaultdict, IntEnum, ...) compare like their base type
    for base in (int, float, str, list, tuple, dict, set, frozenset, bytes, complex):
        if isinstance(value, base):
            try:
                plain = base(value)
            except BaseException:
                break
            return {"shown": {"value": _encode(plain, depth + 1), "repr": _text(repr, value),
                              "str": _text(str, value)}}
    return _opaque(value)


def _opaque(value):
    kind = type(value)
    return {"object": {"type": _text(lambda k: k.__qualname__, kind), "repr": _text(repr, value),
                       "str": _text(str, value), "eq": _text(lambda k: "y" if _own_eq(k) else "", kind) == "y"}}


def encode(value):
    """The typed encoding of `value`; never raises (unrepresentable parts become opaque objects)."""
    try:
        return _encode(value, 0)
    except BaseException:
        return _opaque(value)


def _pieces_forward(value, depth=0):
    """The text of `repr(value)` in order, as lazily produced chunks (containers unrolled)."""
    kind = type(value)
    if depth < 50 and kind in (list, tuple, dict):
        opener, closer = {list: ("[", "]"), tuple: ("(", ")"), dict: ("{", "}")}[kind]
        yield opener
        if kind is dict:
            for i, (k, v) in enumerate(value.items()):
                if i:
                    yield ", "
                yield from _pieces_forward(k, depth + 1)
                yield ": "
                yield from _pieces_forward(v, depth + 1)
        else:
            for i, item in enumerate(value):
                if i:
                    yield ", "
                yield from _pieces_forward(item, depth + 1)
            if kind is tuple and len(value) == 1:
                yield ","
        yield closer
    else:
        yield repr(value)


def _pieces_backward(value, depth=0):
    """The chunks of `repr(value)` from the end, each chunk itself in normal order."""
    kind = type(value)
    if depth < 50 and kind in (list, tuple, dict):
        opener, closer = {list: ("[", "]"), tuple: ("(", ")"), dict: ("{", "}")}[kind]
        yield closer
        if kind is tuple and len(value) == 1:
            yield ","
        if kind is dict:
            items = list(value.items())
            for i in range(len(items) - 1, -1, -1):
                k, v = items[i]
                yield from _pieces_backward(v, depth + 1)
                yield ": "
                yield from _pieces_backward(k, depth + 1)
                if i:
                    yield ", "
        else:
            for i in range(len(value) - 1, -1, -1):
                yield from _pieces_backward(value[i], depth + 1)
                if i:
                    yield ", "
        yield opener
    else:
        yield repr(value)


def brief_str(value):
    """`truncatefn(str(value))` of testing_util: at most 300 characters, else first 150 + marker + last 150."""
    try:
        if type(value) not in (list, tuple, dict):
            text = str(value)
            if len(text) <= _TRUNCATE:
                return text
            return text[: _TRUNCATE // 2] + "...(truncated) ..." + text[-_TRUNCATE // 2:]
        head = []
        size = 0
        for piece in _pieces_forward(value):
            head.append(piece)
            size += len(piece)
            if size > _TRUNCATE:
                break
        else:
            return "".join(head)
        tail = []
        size = 0
        for piece in _pieces_backward(value):
            tail.append(piece)
            size += len(piece)
            if size >= _TRUNCATE // 2:
                break
        front = "".join(head)[: _TRUNCATE // 2]
        back = "".join(reversed(tail))[-(_TRUNCATE // 2):]
        return front + "...(truncated) ..." + back
    except BaseException:
        return "<unrepresentable>"
