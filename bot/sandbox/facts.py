"""Facts about a snippet's source, found in the child at compile time, that
bot/knowledge/diagnostics.py reads to explain what went wrong."""

from __future__ import annotations

import ast
from typing import Any


def source_facts(tree: ast.AST) -> dict[str, Any]:
    """Facts about the code that hints use, found by the child at compile time (in
    the jail, before the snippet runs): the lines where an `async def` calls
    `time.sleep`."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Call):
                func = inner.func
                if (
                    isinstance(func, ast.Attribute)
                    and func.attr == "sleep"
                    and isinstance(func.value, ast.Name)
                    and func.value.id == "time"
                ):
                    lines.append(inner.lineno)
    return {"blocking_sleep_lines": sorted(set(lines))[:20]}
