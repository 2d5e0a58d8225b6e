"""What a run's output (or a pasted error) says about the asyncio mistake behind it.

One table maps the lines Python prints to topics. `!run` turns a Result's facts
into hints with it, `!ask` uses it to recognise pasted errors, and the tests
check that each error topic's own demo is recognised. The sandbox only reports
facts (error, output, the lines where an `async def` calls `time.sleep`, the
spans its loop was blocked); the interpretation lives here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.sandbox import Result

# How early in the chain of events a message comes. A root cause is listed
# before what it causes: a nested asyncio.run also leaves its coroutine never
# awaited, and a forgotten await often ends as "not subscriptable".
ROOT, FOLLOWS, CONSEQUENCE = 0, 1, 2


@dataclass(frozen=True)
class Sign:
    text: str  # found as is in the output or the error message
    topic: str
    why: str
    stage: int = ROOT


SIGNS = (
    Sign(
        "'await' outside function",
        "await-outside-async",
        "`await` only works inside `async def`: put the code in `async def main()` "
        "and start it with `asyncio.run(main())`",
    ),
    Sign(
        "'await' outside async function",
        "await-outside-async",
        "`await` only works inside `async def`: make the enclosing function async",
    ),
    Sign(
        "asynchronous comprehension outside of an asynchronous function",
        "await-outside-async",
        "`async for` in a comprehension needs an enclosing `async def`",
    ),
    Sign(
        "cannot be called from a running event loop",
        "nested-run",
        "a loop is already running here: `await` the coroutine instead of calling "
        "`asyncio.run` again",
    ),
    Sign(
        "This event loop is already running",
        "nested-run",
        "the loop is already running: `await` the coroutine instead of running the loop again",
    ),
    Sign(
        "cannot reuse already awaited coroutine",
        "reuse-coroutine",
        "a coroutine object runs once: call the coroutine function again for a fresh one",
    ),
    Sign(
        "coroutine is being awaited already",
        "reuse-coroutine",
        "one coroutine object is awaited in two places: wrap it in a Task to share it",
    ),
    Sign(
        "a coroutine was expected",
        "run",
        "`asyncio.run` takes a coroutine object: `asyncio.run(main())`, not `asyncio.run(main)`",
    ),
    Sign(
        "no running event loop",
        "create-task",
        "`create_task` needs a running loop: call it inside a coroutine started by `asyncio.run`",
    ),
    Sign(
        "There is no current event loop",
        "event-loop",
        "no loop runs here: start one with `asyncio.run(main())`; inside coroutines use "
        "`asyncio.get_running_loop()`",
    ),
    Sign(
        "can't be used in 'await' expression",
        "await",
        "only coroutines, Tasks, Futures and objects with `__await__` can be awaited",
    ),
    Sign(
        "Passing coroutines is forbidden",
        "wait",
        "`asyncio.wait` takes Tasks: wrap each coroutine with `asyncio.create_task` first",
    ),
    Sign(
        "'async_generator' object is not iterable",
        "async-generators",
        "iterate an async generator with `async for`",
    ),
    Sign(
        "'Lock' object does not support the context manager protocol",
        "lock",
        "asyncio's locks and semaphores need `async with`, not `with`",
    ),
    Sign(
        "'Semaphore' object does not support the context manager protocol",
        "lock",
        "asyncio's locks and semaphores need `async with`, not `with`",
    ),
    Sign(
        "'BoundedSemaphore' object does not support the context manager protocol",
        "lock",
        "asyncio's locks and semaphores need `async with`, not `with`",
    ),
    Sign(
        "'Condition' object does not support the context manager protocol",
        "lock",
        "asyncio's locks and semaphores need `async with`, not `with`",
    ),
    Sign(
        "'coroutine' object does not support the context manager protocol",
        "async-with",
        "`with` was given a coroutine: await it, and use `async with` on async context managers",
    ),
    Sign(
        "Use async with instead",
        "async-with",
        "this object is an async context manager: use `async with` inside `async def`",
    ),
    Sign(
        "asynchronous context manager protocol",
        "async-with",
        "`async with` needs an async context manager: await a coroutine first, or use "
        "plain `with` on a plain one",
    ),
    Sign(
        "'coroutine' object is not subscriptable",
        "never-awaited",
        "a coroutine was used as its result: add `await`",
    ),
    Sign(
        "'coroutine' object is not iterable",
        "never-awaited",
        "a coroutine was used as its result: add `await`",
    ),
    Sign(
        "'coroutine' object has no attribute",
        "never-awaited",
        "a coroutine was used as its result: add `await`",
    ),
    Sign(
        "object of type 'coroutine' has no len()",
        "never-awaited",
        "a coroutine was used as its result: add `await`",
    ),
    Sign(
        "is bound to a different event loop",
        "runner",
        "an asyncio object made under one `asyncio.run` was used under another: make it "
        "inside the coroutine that uses it, or keep one loop with `asyncio.Runner`",
    ),
    Sign(
        "attached to a different loop",
        "event-loop",
        "a future or task from one event loop was awaited in another",
    ),
    Sign(
        "Event loop is closed",
        "event-loop",
        "something used the event loop after it was closed",
        FOLLOWS,
    ),
    Sign(
        "Task exception was never retrieved",
        "task-exceptions",
        "a task failed and nobody awaited it: await your tasks (gather or TaskGroup)",
        FOLLOWS,
    ),
    Sign(
        "Task was destroyed but it is pending",
        "task-references",
        "a task was dropped before it finished: keep a reference and await or cancel it",
        FOLLOWS,
    ),
    Sign(
        "heartbeat blocked for more than",
        "blocking-calls",
        "something blocked the bot's event loop: use `await asyncio.sleep` or `asyncio.to_thread`",
    ),
    Sign(
        "was never awaited",
        "never-awaited",
        "calling an `async def` function only creates a coroutine: `await` it or "
        "schedule it with `asyncio.create_task`",
        CONSEQUENCE,
    ),
)
# An uncaught error of this type names a topic even when no line above matches.
ERROR_TYPES = {
    "TimeoutError": ("timeout", "a timeout expired and nobody caught the TimeoutError"),
    "CancelledError": ("cancellation", "a task was cancelled and the CancelledError ended the run"),
    "ExceptionGroup": ("taskgroup", "a TaskGroup re-raises its tasks' errors as an ExceptionGroup"),
    "BaseExceptionGroup": (
        "taskgroup",
        "a TaskGroup re-raises its tasks' errors as an ExceptionGroup",
    ),
}
BLOCKING = "blocking-calls"


def signs_in(text: str) -> list[Sign]:
    """The signs found in the text, root causes first, each topic once."""
    found = sorted((s for s in SIGNS if s.text in text), key=lambda s: (s.stage, text.find(s.text)))
    seen: set[str] = set()
    return [s for s in found if not (s.topic in seen or seen.add(s.topic))]


def diagnose(result: Result) -> list[dict[str, Any]]:
    """Hints for a run: `{topic, why}`, the root cause first."""
    error = result.error or {}
    text = result.output + "\n" + str(error.get("message", ""))
    signs = signs_in(text)
    hints = [(s.stage, s.topic, s.why) for s in signs]
    facts = result.facts or {}
    blocked = facts.get("blocked") or []
    if blocked:
        hints.append(
            (
                FOLLOWS,
                BLOCKING,
                f"{blocked[0]['cause']}: while it runs, no other task "
                "can; use `await asyncio.sleep` or `asyncio.to_thread`",
            )
        )
    elif result.status == "timeout" and (
        facts.get("blocking_sleep_lines") or (result.wall_ms and result.cpu_ms > result.wall_ms / 2)
    ):
        hints.append(
            (
                FOLLOWS,
                BLOCKING,
                "a blocking call (time.sleep, a long loop) freezes the "
                "event loop; use `await asyncio.sleep` or `asyncio.to_thread`",
            )
        )
    if error.get("type") in ERROR_TYPES:
        topic, why = ERROR_TYPES[error["type"]]
        hints.append((FOLLOWS, topic, why))
    hints.sort(key=lambda h: h[0])  # stable: table order within a stage
    seen: set[str] = set()
    return [
        {"topic": topic, "why": why}
        for _, topic, why in hints
        if not (topic in seen or seen.add(topic))
    ]


def topics_named() -> set[str]:
    """Every topic a hint can name (the tests check each exists)."""
    return {s.topic for s in SIGNS} | {t for t, _ in ERROR_TYPES.values()} | {BLOCKING}
