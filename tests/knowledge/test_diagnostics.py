"""The one table from what Python prints to topics: run hints, root cause first."""

from __future__ import annotations

import pytest

from bot.knowledge.diagnostics import diagnose, signs_in, topics_named
from bot.knowledge.topics import load_all
from bot.sandbox import Result


def hinted(output: str = "", **fields) -> list[str]:
    return [h["topic"] for h in diagnose(Result(status="error", output=output, **fields))]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("RuntimeWarning: coroutine 'f' was never awaited", "never-awaited"),
        ("TypeError: 'coroutine' object is not subscriptable", "never-awaited"),
        ("RuntimeError: cannot reuse already awaited coroutine", "reuse-coroutine"),
        ("RuntimeError: asyncio.run() cannot be called from a running event loop", "nested-run"),
        ("RuntimeError: no running event loop", "create-task"),
        ("ValueError: a coroutine was expected, got <function main at 0x7f>", "run"),
        ("SyntaxError: 'await' outside function", "await-outside-async"),
        ("TypeError: 'Lock' object does not support the context manager protocol", "lock"),
        ("TypeError: Passing coroutines is forbidden, use tasks explicitly.", "wait"),
        ("RuntimeError: Event loop is closed", "event-loop"),
    ],
)
def test_a_classic_message_names_its_topic(text, topic):
    assert hinted(text) == [topic]


def test_the_root_cause_comes_before_what_it_causes():
    output = (
        "Traceback (most recent call last):\n"
        "RuntimeError: asyncio.run() cannot be called from a running event loop\n"
        "snippet.py:9: RuntimeWarning: coroutine 'work' was never awaited\n"
    )
    assert hinted(output) == ["nested-run", "never-awaited"]
    # the order of the lines does not matter, their stage does
    assert [s.topic for s in signs_in("\n".join(reversed(output.splitlines())))] == [
        "nested-run",
        "never-awaited",
    ]


def test_an_uncaught_error_type_and_a_blocked_loop_name_topics():
    error = {"type": "TimeoutError", "message": "", "line": 4}
    assert hinted(error=error) == ["timeout"]
    blocked = {"blocked": [{"cause": "time.sleep blocked the loop for 1.00 s at line 5"}]}
    hints = diagnose(Result(status="ok", facts=blocked))
    assert hints[0]["topic"] == "blocking-calls" and "line 5" in hints[0]["why"]


def test_plain_errors_get_no_hint():
    assert hinted("ImportError: module 'os' is not available in the sandbox") == []
    assert hinted("TypeError: 'int' object does not support the context manager protocol") == []


def test_every_topic_a_hint_names_exists():
    assert topics_named() <= set(load_all())
