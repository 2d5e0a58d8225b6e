"""Interpreter callbacks into methods a snippet can define (issue: the class of
CVE-2025-22153, where CPython trusted what a user's ExceptionGroup.split()
returned).

A snippet may define only the dunders in policy.DEFINABLE_DUNDERS. Each is
proven harmless here: for every one, classes based on object and on builtins
define it to raise, to return an object of the wrong type, or to return an
absurd value, and every operation that makes CPython call it is run. The
sandbox must end the run normally and print exactly what CPython prints (so
CPython checked every result). Every other callback dunder is refused, by the
policy at compile time and by the guards at run time.
"""

from __future__ import annotations

import re

import pytest

from bot.sandbox.names import DEFINABLE_DUNDERS

from .helpers import normalise_reference, reference_output, run_batch, without_outside_frames

# What makes CPython call each definable dunder (`c` is an instance, `C` the class).
TRIGGERS = {
    "__init__": ["C()"],
    "__post_init__": ["dataclasses.dataclass(C)()"],
    "__repr__": ["repr(c)", "f'{c!r}'", "[c]"],
    "__str__": ["str(c)", "print(c)", "f'{c}'"],
    "__format__": ["format(c, 'x')", "f'{c:>5}'", "'{}'.format(c)"],
    "__hash__": ["hash(c)", "{c: 1}", "{c}", "frozenset([c])"],
    "__bool__": ["bool(c)", "not c", "1 if c else 2", "all([c])"],
    "__len__": ["len(c)", "bool(c)", "list(reversed(c))"],
    "__contains__": ["1 in c", "1 not in c"],
    "__iter__": ["list(c)", "tuple(c)", "sorted(c)", "[x for x in c]", "unpack(c)", "max(c)"],
    "__next__": ["next(c)", "list(zip(c, [1]))"],
    "__aiter__": ["asyncio.run(aiterate(c))"],
    "__anext__": ["asyncio.run(anext(c))"],
    "__await__": ["asyncio.run(wait_on(c))"],
    "__enter__": ["run_with(c)"],
    "__exit__": ["run_with(c)"],
    "__aenter__": ["asyncio.run(run_async_with(c))"],
    "__aexit__": ["asyncio.run(run_async_with(c))"],
    "__call__": ["c()", "list(map(c, [1]))"],
    "__getitem__": ["c[0]", "c[1:2]"],
    "__setitem__": ["set_item(c)"],
    "__delitem__": ["delete_item(c)"],
    "__eq__": ["c == 1", "c in [1, 2]", "[1].index(c)", "{c: 1}", "c != 1"],
    "__ne__": ["c != 1"],
    "__lt__": ["c < 1", "sorted([c, c])", "min(c, c)"],
    "__le__": ["c <= 1"],
    "__gt__": ["c > 1", "max(c, c)"],
    "__ge__": ["c >= 1"],
    "__add__": ["c + 1", "sum([c, c])"],
    "__radd__": ["1 + c", "sum([c])"],
    "__sub__": ["c - 1"],
    "__rsub__": ["1 - c"],
    "__mul__": ["c * 2"],
    "__rmul__": ["2 * c", "[1] * c"],
    "__truediv__": ["c / 2"],
    "__floordiv__": ["c // 2"],
    "__mod__": ["c % 2", "'%s' % c"],
    "__neg__": ["-c"],
    "__abs__": ["abs(c)"],
    "__int__": ["int(c)", "range(c)"],
    "__float__": ["float(c)", "math.sqrt(c)"],
    "__index__": ["[1, 2][c]", "range(c)", "operator.index(c)", "bin(c)", "'ab'[c:]", "bytes(c)"],
}
# Bodies for the dunder: raise, answer the wrong type, answer an absurd value.
BODIES = {
    "raises": "raise ValueError('from the dunder')",
    "wrong_type": "return object()",
    "absurd": "return -(10 ** 30)",
}
BASES = ("object", "int", "str", "list", "dict")
ADDRESS = re.compile(r"0x[0-9a-f]+")

PRELUDE = """\
import asyncio
import dataclasses
import math
import operator


async def aiterate(c):
    async for item in c:
        print("item", item)


async def wait_on(c):
    return await c


def run_with(c):
    with c:
        print("inside")


async def run_async_with(c):
    async with c:
        print("inside")


def set_item(c):
    c[0] = 1


def unpack(c):
    first, second = c
    return first


def delete_item(c):
    del c[0]


def attempt(label, action):
    try:
        value = action()
        print(label, "gave", type(value).__name__)
    except Exception as exc:
        print(label, type(exc).__name__, exc)
"""


def program(dunder: str) -> str:
    """One program per dunder: every base, every body, every trigger."""
    lines = [PRELUDE]
    for base in BASES:
        for body_name, body in BODIES.items():
            cls = f"{base.capitalize()}_{body_name}"
            lines.append(
                f"\nclass {cls}({base}):\n    def {dunder}(self, *args):\n        {body}\n"
            )
            lines.append(f"try:\n    c = {cls}()\nexcept Exception as exc:\n    c = None\n")
            lines.append(f"C = {cls}")
            for trigger in TRIGGERS[dunder]:
                label = f"{cls} {trigger}"
                lines.append(f"attempt({label!r}, lambda: {trigger})")
    return "\n".join(lines) + "\n"


def test_every_definable_dunder_has_triggers():
    assert set(TRIGGERS) == set(DEFINABLE_DUNDERS)


@pytest.fixture(scope="module")
def dunder_results():
    return run_batch([(d, program(d)) for d in sorted(DEFINABLE_DUNDERS)], timeout=10)


@pytest.mark.parametrize("dunder", sorted(DEFINABLE_DUNDERS))
def test_a_hostile_definable_dunder_is_checked_by_cpython_as_usual(
    dunder, dunder_results, tmp_path
):
    result = dunder_results[dunder]
    expected, returncode = reference_output(program(dunder), tmp_path)
    assert result.status in ("ok", "error"), result
    assert result.returncode == returncode
    # Object addresses (in reprs of the wrong-typed answers) differ run to run.
    shown = ADDRESS.sub("0x…", without_outside_frames(result.output))
    assert shown == ADDRESS.sub("0x…", normalise_reference(expected, tmp_path))


# Callbacks the policy does not let a snippet define, and every way to try.
REFUSED_DUNDERS = (
    "__set_name__ __init_subclass__ __mro_entries__ __class_getitem__ __reduce__ "
    "__reduce_ex__ __getattribute__ __getattr__ __setattr__ __delattr__ __del__ "
    "__instancecheck__ __subclasscheck__ __prepare__ __length_hint__ __new__ __copy__ "
    "__deepcopy__ __getstate__ __setstate__ __fspath__ __buffer__ __get__ __set__ "
    "__delete__ __missing__ __dir__ __sizeof__ __subclasshook__ __init_subclass__ __class__"
).split()


@pytest.mark.parametrize("dunder", REFUSED_DUNDERS)
def test_other_callback_dunders_cannot_be_defined_by_any_route(dunder):
    routes = {
        "def": f"class C:\n    def {dunder}(self, *args):\n        return 1\n",
        "assign": f"class C:\n    {dunder} = print\n",
        "setattr": f"class C:\n    pass\nsetattr(C, {dunder!r}, print)\nprint('SET')\n",
        "type": f"C = type('C', (), {{{dunder!r}: print}})\nprint('SET')\n",
        "enum": f"import enum\nE = enum.Enum('E', {{{dunder!r}: 1}})\nprint('SET')\n",
    }
    results = run_batch(routes.items())
    assert results["def"].status == "rejected" and results["assign"].status == "rejected"
    for route in ("setattr", "type", "enum"):
        assert results[route].status == "error" and "SET" not in results[route].output, route
