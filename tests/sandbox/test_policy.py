"""The compile-time policy, tested without running anything."""

from __future__ import annotations

import ast

import pytest

from bot.sandbox.policy import PolicyError, restrict


def refused(source: str) -> list[str]:
    with pytest.raises(PolicyError) as info:
        restrict(ast.parse(source))
    return info.value.errors


def compiles(source: str) -> None:
    compile(restrict(ast.parse(source)), "snippet.py", "exec")


@pytest.mark.parametrize(
    "source",
    [
        "def poison(_write_, /):\n    pass\n",
        "async def poison(_write_, /):\n    pass\n",
        "async def poison(*, _getattr_=None):\n    pass\n",
        "async def poison(*_getiter_):\n    pass\n",
        "async def poison(**_write_):\n    pass\n",
        "async def _hidden():\n    pass\n",
        "async def f():\n    async for _write_ in g():\n        pass\n",
        "async def f():\n    async with g() as _write_:\n        pass\n",
        "async def f():\n    return [_getattr_ async for _getattr_ in g()]\n",
        "async def f():\n    async for (a, _write_) in g():\n        pass\n",
        "lambda _getattr_, /: 1\n",
        "x = ().__class__\n",
        "x = f.__globals__\n",
        "async def f():\n    return g().cr_frame\n",
        "x = t.get_stack()\n",
        "__name__ = 'x'\n",
        "print = 1\n",
        "class A(metaclass=M):\n    pass\n",
        "match x:\n    case 1:\n        pass\n",
        "eval('1')\n",
        "global _getattr_\n",
    ],
)
def test_policy_refuses(source):
    assert refused(source)


def test_async_nodes_get_argument_checks_for_every_kind():
    errors = refused("async def f(_a, /, _b, *_c, _d, **_e):\n    pass\n")
    assert len(errors) == 5


@pytest.mark.parametrize(
    "source",
    [
        "async def f(a, /, b, *c, d, **e):\n    await g()\n",
        "async def f():\n    async for a, b in g():\n        pass\n",
        "async def f():\n    async with g() as (a, b), h() as c:\n        pass\n",
        "async def f():\n    return {k: v async for k, v in g()}\n",
        "try:\n    pass\nexcept* ValueError as group:\n    pass\n",
        "if __name__ == '__main__':\n    print('main')\n",
        "class A:\n    def __init__(self):\n        super().__init__()\n        self.n = 0\n"
        "    async def __aenter__(self):\n        self.n += 1\n",
        "def outer():\n    n = 0\n    def inner():\n        nonlocal n\n        n += 1\n",
        "d = {}\nd['k'] = 1\nd['k'] += 1\n",
        "x: int = 1\n",
    ],
)
def test_policy_allows_teaching_code(source):
    compiles(source)


def test_print_is_left_alone_so_output_streams_in_order():
    tree = restrict(ast.parse("print('a')\n"))
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    assert "print" in names
    assert "_print_" not in names and "_print" not in names
