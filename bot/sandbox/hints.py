"""Map common asyncio mistakes in a run's outcome to topic slugs (data/topics/<slug>.md)."""

from __future__ import annotations

import ast
from typing import Any

# (text to look for in the output or error message, topic, why)
_PATTERNS = (
    (
        "'await' outside function",
        "await-outside-async",
        "`await` only works inside `async def`; wrap the code in `async def main()` "
        "and start it with `asyncio.run(main())`",
    ),
    (
        "'await' outside async function",
        "await-outside-async",
        "`await` only works inside `async def`; make the enclosing function async",
    ),
    (
        "was never awaited",
        "never-awaited",
        "calling an `async def` function only creates a coroutine; `await` it or "
        "schedule it with `asyncio.create_task`",
    ),
    (
        "cannot reuse already awaited coroutine",
        "reuse-coroutine",
        "a coroutine object runs once; call the coroutine function again for a fresh one",
    ),
    (
        "cannot be called from a running event loop",
        "nested-run",
        "inside `async def` a loop is already running: `await` the coroutine instead "
        "of calling `asyncio.run`",
    ),
    (
        "This event loop is already running",
        "nested-run",
        "the loop is already running; `await` the coroutine instead",
    ),
    (
        "no running event loop",
        "create-task",
        "`create_task` needs a running loop: call it from inside a coroutine started "
        "with `asyncio.run`",
    ),
    (
        "a coroutine was expected",
        "run",
        "`asyncio.run` takes a coroutine object: `asyncio.run(main())`, not `asyncio.run(main)`",
    ),
    (
        "can't be used in 'await' expression",
        "await",
        "only coroutines, Tasks, Futures and objects with `__await__` can be awaited",
    ),
    (
        "Passing coroutines is forbidden",
        "wait",
        "`asyncio.wait` takes Tasks: wrap each coroutine with `asyncio.create_task` first",
    ),
    (
        "Task exception was never retrieved",
        "task-exceptions",
        "a task failed and nobody awaited it; await your tasks (gather or TaskGroup)",
    ),
    (
        "Task was destroyed but it is pending",
        "task-references",
        "keep a reference to tasks you create and await or cancel them before exiting",
    ),
    (
        "'async_generator' object is not iterable",
        "async-generators",
        "iterate an async generator with `async for`",
    ),
    (
        "asynchronous context manager protocol",
        "async-with",
        "use `async with` on an async context manager (and await a coroutine first)",
    ),
    (
        "Event loop is closed",
        "event-loop",
        "something used the event loop after it was closed",
    ),
)


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


def hints_for(
    status: str,
    error: dict[str, Any] | None,
    output: str,
    facts: dict[str, Any] | None = None,
    cpu_ms: int = 0,
    wall_ms: int = 0,
    blocked: tuple[dict[str, Any], ...] = (),
) -> list[dict[str, str]]:
    text = output
    if error:
        text += "\n" + str(error.get("message", ""))
    found: list[dict[str, str]] = []
    seen: set[str] = set()

    def add(topic: str, why: str) -> None:
        if topic not in seen:
            seen.add(topic)
            found.append({"topic": topic, "why": why})

    for needle, topic, why in _PATTERNS:
        if needle in text:
            add(topic, why)
    if status == "timeout" and (
        (facts or {}).get("blocking_sleep_lines") or (wall_ms and cpu_ms > wall_ms * 0.5)
    ):
        add(
            "blocking-calls",
            "a blocking call (time.sleep, a long loop) freezes the event loop; use "
            "`await asyncio.sleep` or `asyncio.to_thread`",
        )
    if blocked:
        add(
            "blocking-calls",
            f"{blocked[0]['cause']}: while it runs, no other task can; use "
            "`await asyncio.sleep` or `asyncio.to_thread`",
        )
    if error and error.get("type") == "TimeoutError":
        add("timeout", "a timeout expired and nobody caught the TimeoutError")
    if error and error.get("type") in ("ExceptionGroup", "BaseExceptionGroup"):
        add("taskgroup", "a TaskGroup re-raises its tasks' errors as an ExceptionGroup")
    return found
