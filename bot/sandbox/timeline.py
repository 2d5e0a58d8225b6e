"""What a run's timeline records, collected inside the child (`--timeline`).

Installed before the snippet runs (trusted instrumentation, like virtual time):
every callback the event loop runs is a *slice*, attributed to the task whose
step it is; between a task's slices it *waits*, labelled with what it awaited
(read from its coroutine's await chain: sleep, a lock, a queue, an event,
another task, a future); tasks are created, and end done, cancelled or raised;
executor threads (to_thread, run_in_executor) are rows of their own; and the
loop is *blocked* when one slice runs longer than BLOCKED_MS or the loop's
thread calls time.sleep, with the line where that happened.

Everything is bounded (MAX_* below; beyond them the timeline says it was
truncated) and times are milliseconds from the snippet's start on the clock the
snippet reads (virtual time when `--fast`). The record travels in the report,
after the snippet ran, so the supervisor checks it like any report data.
"""

from __future__ import annotations

import asyncio
import functools
import json
import sys
import time
import weakref
from concurrent.futures import thread

from . import virtualtime
from .ending import FILENAME

BLOCKED_MS = 100.0
MAX_TASKS = 200
MAX_SLICES = 3000
MAX_WAITS = 3000
MAX_THREADS = 200
MAX_BLOCKED = 50
# What a task awaits, from the innermost coroutine of its await chain.
WAIT_LABELS = {
    "sleep": "sleep",
    "Lock.acquire": "lock",
    "Semaphore.acquire": "semaphore",
    "Condition.wait": "condition",
    "Event.wait": "event",
    "Queue.get": "queue",
    "Queue.put": "queue",
    "Queue.join": "queue",
    "Barrier.wait": "barrier",
    "to_thread": "thread",
    "wait_for": "wait_for",
    "wait": "wait",
    "gather": "gather",
}


class Recorder:
    """`full` records everything; otherwise only when the loop was blocked (cheap
    enough for every run: the hints name the line)."""

    def __init__(self, full: bool = True) -> None:
        self.full = full
        self.start = time.monotonic()
        self.tasks: list[dict] = []
        self.records: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # task -> record
        self.slices: list[list] = []
        self.waits: list[list] = []
        self.threads: list[dict] = []
        self.blocked: list[dict] = []
        self.resting: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # (since, label)
        self.truncated = False

    def now(self) -> float:
        return round((time.monotonic() - self.start) * 1000, 3)

    def add(self, bucket: list, item, limit: int) -> None:
        if len(bucket) < limit:
            bucket.append(item)
        else:
            self.truncated = True

    # -- tasks ---------------------------------------------------------------

    def created(self, task: asyncio.Task) -> None:
        coro = task.get_coro()
        qualname = getattr(coro, "__qualname__", type(coro).__name__)
        if qualname.startswith("BaseEventLoop."):
            return  # asyncio's own housekeeping (asyncio.run's executor shutdown)
        if len(self.tasks) >= MAX_TASKS:
            self.truncated = True
            return
        record = {
            "id": len(self.tasks) + 1,
            "name": task.get_name(),
            "coro": qualname,
            "created_ms": self.now(),
            "ended_ms": None,
            "outcome": "pending",
            "error": None,
        }
        self.tasks.append(record)
        self.records[task] = record
        task.add_done_callback(self.ended)

    def ended(self, task: asyncio.Task) -> None:
        record = self.records.get(task)
        if record is None:
            return
        record["ended_ms"] = self.now()
        record["name"] = task.get_name()  # create_task(name=...) names it after creation
        if task.cancelled():
            record["outcome"] = "cancelled"
        elif task.exception() is not None:
            record["outcome"], record["error"] = "raised", type(task.exception()).__name__
        else:
            record["outcome"] = "done"

    # -- slices --------------------------------------------------------------

    def ran(self, task, started: float, line_before: int | None) -> None:
        ended = self.now()
        if not self.full:
            if ended - started >= BLOCKED_MS:
                self.blocked_step(task, None, started, ended, line_before)
            return
        record = self.records.get(task) if task is not None else None
        number = record["id"] if record else 0  # 0: a plain callback of the loop
        self.add(self.slices, [number, started, ended], MAX_SLICES)
        if record and task in self.resting:
            since, label = self.resting.pop(task)
            self.add(self.waits, [number, since, started, label], MAX_WAITS)
        if record and not task.done():
            self.resting[task] = (ended, awaited(task))
        if ended - started >= BLOCKED_MS:
            self.blocked_step(task, record, started, ended, line_before)

    def blocked_step(self, task, record, started: float, ended: float, line_before) -> None:
        if any(started <= b["start_ms"] <= ended for b in self.blocked):
            return  # a time.sleep inside it already says why
        line_after = _line(task)
        where = _between(line_before, line_after)
        name = record["name"] if record else (task.get_name() if task is not None else "a callback")
        cause = f"a step of {name} ran {(ended - started) / 1000:.2f} s without awaiting{where}"
        self.add(
            self.blocked,
            {
                "start_ms": started,
                "end_ms": ended,
                "cause": cause,
                "line": line_after or line_before,
            },
            MAX_BLOCKED,
        )

    def slept(self, start: float, seconds: float) -> None:
        """time.sleep in the loop's thread blocks the loop (thread sleeps do not)."""
        if not _on_loop_thread():
            return
        frame, line = sys._getframe(2), None
        while frame is not None and line is None:
            line = frame.f_lineno if frame.f_code.co_filename == FILENAME else None
            frame = frame.f_back
        begin = round((start - self.start) * 1000, 3)
        cause = f"time.sleep blocked the loop for {seconds:.2f} s" + (
            f" at line {line}" if line else ""
        )
        self.add(
            self.blocked,
            {
                "start_ms": begin,
                "end_ms": round(begin + seconds * 1000, 3),
                "cause": cause,
                "line": line,
            },
            MAX_BLOCKED,
        )

    def worked(self, name: str, started: float) -> None:
        self.add(
            self.threads, {"name": name, "start_ms": started, "end_ms": self.now()}, MAX_THREADS
        )

    def record(self, clock: str, max_bytes: int) -> dict:
        """The timeline as data, halved until its JSON fits `max_bytes`."""
        record = self._record(clock)
        while len(json.dumps(record)) > max_bytes:
            for key in ("slices", "waits", "threads", "tasks", "blocked"):
                record[key] = record[key][: len(record[key]) // 2]
            record["truncated"] = True
        return record

    def _record(self, clock: str) -> dict:
        end = self.now()
        for task, (since, label) in list(self.resting.items()):
            record = self.records.get(task)
            if record:
                record["name"] = task.get_name()
                self.add(self.waits, [record["id"], since, end, label], MAX_WAITS)
        return {
            "clock": clock,
            "end_ms": end,
            "truncated": self.truncated,
            "tasks": self.tasks,
            "slices": self.slices,
            "waits": self.waits,
            "threads": self.threads,
            "blocked": self.blocked,
        }


def _on_loop_thread() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _line(task) -> int | None:
    frame = getattr(task.get_coro(), "cr_frame", None) if task is not None else None
    return frame.f_lineno if frame is not None and frame.f_code.co_filename == FILENAME else None


def _between(before: int | None, after: int | None) -> str:
    if before and after and before != after:
        return f" (lines {before}-{after})"
    return f" (line {after or before})" if (after or before) else ""


def awaited(task) -> str:
    """What a suspended task waits for, from its coroutine's await chain."""
    awaitable, name = task.get_coro(), "future"
    for _ in range(20):
        inner = getattr(awaitable, "cr_await", None) or getattr(awaitable, "gi_yieldfrom", None)
        qualname = getattr(awaitable, "__qualname__", "")
        if qualname and awaitable is not task.get_coro():
            name = qualname
        if inner is None:
            waiter = getattr(task, "_fut_waiter", None)  # the future the task waits on
            if isinstance(waiter, asyncio.Task):
                return "task " + waiter.get_name()
            if type(waiter).__name__ == "_GatheringFuture":
                return "gather"
            break
        awaitable = inner
    for known, label in WAIT_LABELS.items():
        if name == known or name.endswith("." + known):
            return label
    return "future" if "." not in name else name.rsplit(".", 1)[-1]


RECORDER: Recorder | None = None  # the child's, once it runs a snippet


def start(recorder: Recorder) -> None:
    global RECORDER
    RECORDER = recorder


def prepare() -> None:
    """Wrap the loop's callbacks, task creation, executor work and time.sleep,
    once, in the worker: a child then only starts its Recorder."""
    run_handle = asyncio.events.Handle._run

    @functools.wraps(run_handle)  # the loop filter checks method names
    def _run(handle):
        recorder = RECORDER
        task = getattr(handle._callback, "__self__", None) if recorder is not None else None
        task = task if isinstance(task, asyncio.Task) else None
        line = _line(task) if recorder is not None and recorder.full else None
        started = recorder.now() if recorder is not None else 0.0
        try:
            run_handle(handle)
        finally:
            if recorder is not None:
                recorder.ran(task, started, line)
            # Like Handle._run itself: a traceback that reaches this frame must
            # not keep the task alive ("never retrieved" is logged when it dies).
            handle = task = None

    asyncio.events.Handle._run = _run
    create_task = asyncio.BaseEventLoop.create_task

    @functools.wraps(create_task)
    def _create_task(loop, coro, **kwargs):
        task = create_task(loop, coro, **kwargs)
        if RECORDER is not None and RECORDER.full:
            RECORDER.created(task)
        try:
            return task
        finally:
            task = coro = None  # an eager task's traceback may reach this frame

    asyncio.BaseEventLoop.create_task = _create_task
    run_item = thread._WorkItem.run

    @functools.wraps(run_item)
    def _work(item):
        recorder = RECORDER
        started = recorder.now() if recorder is not None and recorder.full else None
        try:
            run_item(item)
        finally:
            if started is not None:
                recorder.worked(_work_name(item.fn, item.args), started)
            item = None  # as _WorkItem.run: break the cycle through the exception

    thread._WorkItem.run = _work
    virtualtime.SLEEP_OBSERVERS.append(_slept)

    def sleep(seconds):
        for observer in virtualtime.SLEEP_OBSERVERS:
            observer(time.monotonic(), seconds)
        virtualtime.REAL_SLEEP(seconds)

    sleep.__name__ = sleep.__qualname__ = "sleep"
    sleep.__doc__ = virtualtime.REAL_SLEEP.__doc__
    time.sleep = sleep  # the real clock's time.sleep, observed


def _slept(start: float, seconds: float) -> None:
    if RECORDER is not None:
        RECORDER.slept(start, seconds)


def _work_name(fn, args) -> str:
    # to_thread runs functools.partial(context.run, func, *args).
    inner = getattr(fn, "args", None)
    if inner and callable(inner[0]):
        fn = inner[0]
    name = getattr(fn, "__qualname__", None) or type(fn).__name__
    return f"thread: {name}"[:80]
