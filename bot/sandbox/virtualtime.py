"""Virtual time for a run (`--fast`): sleeping costs nothing, clocks still agree.

Installed in the child before the snippet runs (trusted instrumentation). Every
clock a snippet can read is the real one plus an offset: `time.monotonic`,
`perf_counter`, `time` (and their `_ns` twins), `loop.time()` (which reads
`time.monotonic`) and `datetime.now()`/`today()`. The offset only grows, by
jumps:

- when the event loop would wait for its next timer with nothing ready and no
  executor thread at work, it does not wait: the clock jumps to the timer;
- `time.sleep(n)` jumps the clock to n seconds after the call, at once (in the
  loop's thread it still shows, in the timeline, as the loop being blocked);
  two threads sleeping in parallel jump to the later of their ends, not the sum.

Real work still costs real time, and the wall-clock limit is real.
"""

from __future__ import annotations

import datetime as _datetime
import functools
import selectors
import threading
import time
import weakref
from collections.abc import Callable

# The real clocks, taken before anything replaces them.
REAL_MONOTONIC, REAL_PERF_COUNTER, REAL_TIME = time.monotonic, time.perf_counter, time.time
REAL_MONOTONIC_NS, REAL_PERF_COUNTER_NS = time.monotonic_ns, time.perf_counter_ns
REAL_TIME_NS, REAL_SLEEP = time.time_ns, time.sleep  # before timeline.prepare() observes it
CLOCK_NAMES = "monotonic perf_counter time monotonic_ns perf_counter_ns time_ns sleep".split()
# Called with (start, seconds) when time.sleep is called: the timeline listens.
SLEEP_OBSERVERS: list[Callable[[float, float], None]] = []


class VirtualClock:
    """The real monotonic clock plus an offset that only grows, by jumps."""

    def __init__(self) -> None:
        self.offset = 0.0
        self.cond = threading.Condition()
        self.running = 0  # threads at work: work items and the snippet's threads, awake
        self.sleepers: dict[threading.Thread, float] = {}  # sleeping thread -> wake time
        self.queued: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # executor -> items

    def now(self) -> float:
        return REAL_MONOTONIC() + self.offset

    def advance_to(self, target: float) -> None:
        """Jump to `target` (never back); wake the threads whose sleep is over.
        Called with `cond` held."""
        gap = target - self.now()
        if gap > 0:
            self.offset += gap
        now = self.now()
        woken = [thread for thread, wake in self.sleepers.items() if wake <= now]
        if woken:
            for thread in woken:
                del self.sleepers[thread]
            self.running += len(woken)  # at work again before anyone looks
            self.cond.notify_all()

    def sleep(self, seconds: float) -> None:
        with self.cond:
            start = self.now()
            for observer in SLEEP_OBSERVERS:
                observer(start, seconds)
            target = start + seconds
            thread = threading.current_thread()
            if thread is threading.main_thread():
                # The loop's own thread blocks: nothing else on the loop moves.
                self.advance_to(target)
                return
            # A thread waits for the clock, which the loop moves when all is idle
            # (so threads sleeping side by side overlap, as they would really);
            # real time is the backstop when no loop is there to move it.
            self.sleepers[thread] = target
            self.running -= 1
            # The backstop, a second late so a loop that is about to jump can.
            backstop = REAL_MONOTONIC() + seconds + 1.0
            while thread in self.sleepers:
                remaining = backstop - REAL_MONOTONIC()
                if remaining <= 0:
                    self.advance_to(target)
                    break
                self.cond.wait(remaining)

    def idle(self) -> bool:
        """No thread can change anything before the clock moves: none is at work,
        and queued work items wait only for workers that are all asleep."""
        if self.running:
            return False
        for executor, count in self.queued.items():
            workers = tuple(getattr(executor, "_threads", ()))
            if count and (
                len(workers) < getattr(executor, "_max_workers", 0)
                or any(worker not in self.sleepers for worker in workers)
            ):
                return False
        return True

    def idle_jump(self, timeout: float | None) -> float | None:
        """How far the loop may jump instead of waiting `timeout`: to its next
        timer or the first sleeping thread's wake, when no thread is at work."""
        with self.cond:
            if not self.idle():
                return None
            waits = [min(self.sleepers.values()) - self.now()] if self.sleepers else []
            if timeout is not None:
                waits.append(timeout)
            return max(0.0, min(waits)) if waits else None


CLOCK = VirtualClock()


def sleep(seconds: float) -> None:
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    CLOCK.sleep(seconds)


class VirtualSelector(selectors.DefaultSelector):
    """The loop's selector: a wait for a timer, when nothing else can happen,
    becomes a jump of the clock. While threads work, it looks again every POLL
    seconds, to jump as soon as the last one sleeps or ends."""

    POLL = 0.005

    def select(self, timeout=None):
        deadline = None if timeout is None else REAL_MONOTONIC() + timeout
        while True:
            if timeout is not None and timeout <= 0:
                return super().select(timeout)
            jump = CLOCK.idle_jump(timeout)
            if jump is not None:
                ready = super().select(0)
                if not ready:
                    with CLOCK.cond:
                        CLOCK.advance_to(CLOCK.now() + jump)
                return ready
            step = self.POLL if timeout is None else min(self.POLL, timeout)
            ready = super().select(step)
            if ready:
                return ready
            if deadline is not None:
                timeout = deadline - REAL_MONOTONIC()


def _virtual_datetime_classes() -> tuple[type, type]:
    class datetime(_datetime.datetime):  # noqa: N801 - stands in for datetime.datetime
        @classmethod
        def now(cls, tz=None):
            return _datetime.datetime.fromtimestamp(time.time(), tz)

        @classmethod
        def today(cls):
            return _datetime.datetime.fromtimestamp(time.time())

        @classmethod
        def utcnow(cls):
            return _datetime.datetime.fromtimestamp(time.time(), _datetime.UTC).replace(tzinfo=None)

    class date(_datetime.date):  # noqa: N801 - stands in for datetime.date
        @classmethod
        def today(cls):
            return _datetime.date.fromtimestamp(time.time())

    for cls, real in ((datetime, _datetime.datetime), (date, _datetime.date)):
        cls.__module__, cls.__qualname__, cls.__doc__ = (
            real.__module__,
            real.__qualname__,
            real.__doc__,
        )
    return datetime, date


def install(proxies: dict) -> None:
    """Put the run on virtual time: the real clocks' module attributes, the loop's
    selector, executor threads' bookkeeping, and the snippet's proxies."""
    time.monotonic = lambda: REAL_MONOTONIC() + CLOCK.offset
    time.perf_counter = lambda: REAL_PERF_COUNTER() + CLOCK.offset
    time.time = lambda: REAL_TIME() + CLOCK.offset
    time.monotonic_ns = lambda: REAL_MONOTONIC_NS() + int(CLOCK.offset * 1e9)
    time.perf_counter_ns = lambda: REAL_PERF_COUNTER_NS() + int(CLOCK.offset * 1e9)
    time.time_ns = lambda: REAL_TIME_NS() + int(CLOCK.offset * 1e9)
    time.sleep = sleep
    selectors.DefaultSelector = VirtualSelector
    _count_busy_executor_threads()
    _count_busy_threads()
    datetime, date = _virtual_datetime_classes()
    replacements = {
        "time": {name: getattr(time, name) for name in CLOCK_NAMES},
        "datetime": {"datetime": datetime, "date": date},
    }
    for module, names in replacements.items():
        proxy_dict = object.__getattribute__(proxies[module], "__dict__")
        proxy_dict.update({k: v for k, v in names.items() if k in proxy_dict})


def _count_busy_executor_threads() -> None:
    """A work item is queued from submit() until a worker runs it, then at work
    until it is done; cancelled before it ran, it is neither."""
    from concurrent.futures import thread

    submit, init, run = (
        thread.ThreadPoolExecutor.submit,
        thread._WorkItem.__init__,
        thread._WorkItem.run,
    )
    submitting = threading.local()

    @functools.wraps(submit)
    def queued_submit(self, fn, /, *args, **kwargs):
        with CLOCK.cond:  # counted first: a worker may take it at once
            CLOCK.queued[self] = CLOCK.queued.get(self, 0) + 1
        submitting.executor = self
        try:
            future = submit(self, fn, *args, **kwargs)
        except BaseException:
            _unqueue(self)
            raise
        finally:
            submitting.executor = None
        future.add_done_callback(functools.partial(_cancelled_before_run, self))
        return future

    @functools.wraps(init)
    def tagged_init(item, *args, **kwargs):
        init(item, *args, **kwargs)
        item._awaitbot_executor = getattr(submitting, "executor", None)

    @functools.wraps(run)
    def counted_run(item):
        executor = item._awaitbot_executor
        with CLOCK.cond:
            if executor is not None and not item.future.cancelled():
                CLOCK.queued[executor] -= 1
                item.future._awaitbot_started = True
            CLOCK.running += 1
        try:
            run(item)
        finally:
            item = None  # as _WorkItem.run: break the cycle through the exception
            _work_done(None)

    thread.ThreadPoolExecutor.submit = queued_submit
    thread._WorkItem.__init__ = tagged_init
    thread._WorkItem.run = counted_run


def _unqueue(executor) -> None:
    with CLOCK.cond:
        CLOCK.queued[executor] -= 1


def _cancelled_before_run(executor, future) -> None:
    if future.cancelled() and not getattr(future, "_awaitbot_started", False):
        _unqueue(executor)


def _work_done(_) -> None:
    with CLOCK.cond:
        CLOCK.running -= 1


def _count_busy_threads() -> None:
    """Any other thread (the snippet's own, asyncio's executor shutdown) counts
    as work from start() until it ends, whatever it waits for: the clock only
    jumps past what no thread can still change. Executor workers idle between
    work items, which are counted by themselves."""
    from concurrent.futures import thread as executor

    start, bootstrap = threading.Thread.start, threading.Thread._bootstrap_inner

    @functools.wraps(start)
    def counted_start(self):
        counted = getattr(self, "_target", None) is not executor._worker
        if counted:
            with CLOCK.cond:
                CLOCK.running += 1
        self._awaitbot_counted = counted
        try:
            start(self)
        except BaseException:
            if counted:
                _work_done(None)
            raise

    @functools.wraps(bootstrap)
    def counted_run(self):
        try:
            bootstrap(self)
        finally:
            if getattr(self, "_awaitbot_counted", False):
                _work_done(None)

    threading.Thread.start = counted_start
    threading.Thread._bootstrap_inner = counted_run
