"""The timeline a run records (`timeline=True`): tasks, slices, waits with what
was awaited, threads, outcomes and the loop's blocked periods; bounded; and
only data of the documented shape ever reaches a Result."""

from __future__ import annotations

import pytest

from bot.sandbox import protocol

from .helpers import needs_jail, run_batch

STORY = """\
import asyncio
import time


async def sleeper():
    await asyncio.sleep(0.5)


async def locked(lock):
    async with lock:
        await asyncio.sleep(0.1)


async def consumer(queue):
    await queue.get()


async def failing():
    await asyncio.sleep(0.2)
    raise ValueError("boom")


async def main():
    lock = asyncio.Lock()
    queue = asyncio.Queue()
    waiter = asyncio.create_task(consumer(queue), name="consumer")
    doomed = asyncio.create_task(sleeper(), name="doomed")
    results = await asyncio.gather(locked(lock), locked(lock), failing(), return_exceptions=True)
    doomed.cancel()
    await asyncio.to_thread(time.sleep, 0.3)
    time.sleep(0.25)
    await queue.put(1)
    await waiter
    print(results)


asyncio.run(main())
"""


@pytest.fixture(scope="module")
def story():
    return run_batch([("story", STORY)], fast=True, timeline=True)["story"]


def test_tasks_are_named_with_their_coroutine_and_outcome(story):
    tasks = {t["name"]: t for t in story.timeline["tasks"]}
    assert tasks["Task-1"]["coro"] == "main" and tasks["Task-1"]["outcome"] == "done"
    assert tasks["consumer"]["outcome"] == "done"
    assert tasks["doomed"]["outcome"] == "cancelled"
    raised = [t for t in story.timeline["tasks"] if t["coro"] == "failing"]
    assert raised[0]["outcome"] == "raised" and raised[0]["error"] == "ValueError"


def test_waits_say_what_was_awaited(story):
    labels = {label for *_, label in story.timeline["waits"]}
    assert {"sleep", "lock", "queue", "gather", "thread"} <= labels


def test_threads_and_the_blocked_loop_have_rows_with_causes(story):
    timeline = story.timeline
    assert [t["name"] for t in timeline["threads"]] == ["thread: sleep"]
    (blocked,) = timeline["blocked"]
    line = STORY.splitlines().index("    time.sleep(0.25)") + 1
    assert blocked["cause"] == f"time.sleep blocked the loop for 0.25 s at line {line}"
    assert blocked["line"] == line
    assert blocked["end_ms"] - blocked["start_ms"] == pytest.approx(250, abs=1)


def test_virtual_time_is_what_the_timeline_measures(story):
    timeline = story.timeline
    assert timeline["clock"] == "virtual" and not timeline["truncated"]
    # 0.2 s (the slowest of gather) + 0.3 s thread + 0.25 s blocked, and a little work.
    assert 750 <= timeline["end_ms"] < 900
    for _task, start, end in timeline["slices"]:
        assert 0 <= start <= end <= timeline["end_ms"]


def test_a_huge_run_is_truncated_and_stays_bounded():
    many = "import asyncio\nasync def one():\n    await asyncio.sleep(0)\n"
    many += "async def main():\n    await asyncio.gather(*(one() for _ in range(5000)))\n"
    many += "asyncio.run(main())\n"
    result = run_batch([("many", many)], timeline=True, timeout=10)["many"]
    assert result.status == "ok" and result.timeline["truncated"]
    assert len(result.timeline["tasks"]) <= 200 and len(result.timeline["slices"]) <= 3000


def test_no_timeline_unless_asked():
    result = run_batch([("plain", "print(1)\n")])["plain"]
    assert result.timeline is None


@needs_jail
def test_a_forged_timeline_cannot_put_anything_but_its_shape_in_a_result():
    forged = """
import json, os
bad = {"clock": "\\u202eforged", "end_ms": -5, "truncated": "yes",
       "tasks": [{"id": "1", "name": "x"}, {"id": 2, "name": "@everyone" * 50, "outcome": "pwned"}],
       "slices": [[1, 5, 2], [2, 1, 3, "extra"], [2, 1.5, 2.5]], "waits": [[2, 0, 1, "x" * 500]],
       "threads": [{"start_ms": "0"}], "blocked": [{"start_ms": 1, "end_ms": 2, "cause": "c", "line": -3}],
       "evil": {"nested": [[[[]]]]}}
os.write(3, (json.dumps({"phase": "timeline", "timeline": bad}) + "\\n").encode())
"""
    result = run_batch([("forged", forged)], layers=frozenset(), timeline=True)["forged"]
    timeline = result.timeline
    assert set(timeline) == {
        "clock",
        "end_ms",
        "truncated",
        "tasks",
        "slices",
        "waits",
        "threads",
        "blocked",
    }
    assert timeline["clock"] in ("real", "virtual") and timeline["end_ms"] >= 0
    for task in timeline["tasks"]:
        assert len(task["name"]) <= 60 and task["outcome"] in (
            "done",
            "cancelled",
            "raised",
            "pending",
        )
    for _, start, end, *rest in timeline["slices"] + timeline["waits"]:
        assert start <= end and all(len(text) <= 40 for text in rest)


def test_clean_timeline_drops_what_is_not_a_timeline():
    assert protocol.clean_timeline([1, 2]) is None
    assert protocol.clean_timeline({"tasks": "x"})["tasks"] == []
