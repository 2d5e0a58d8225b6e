"""The supervisor, living in the caller's event loop: keeps one warm worker per
interpreter, hands each run to one, reads its output and report through bounded
buffers, and turns what happened into a Result. Nothing here blocks the loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
import logging
import math
import os
import sys
from typing import Any

from . import interpreters, protocol
from .limits import MODES, Limits
from .outcome import Output, build_result, missing_layers
from .result import Diagnose, Result
from .slots import Queued, Slots
from .workerproc import WorkerProcess

log = logging.getLogger(__name__)

GRACE_SECONDS = 5.0
LAYERS = ("policy", "imports", "audit")


class Sandbox:
    """Runs snippets in fresh children of warm, isolated worker processes.

    `python` is the default interpreter (a path or a version such as "3.13");
    `run(..., python=...)` picks another, whose worker starts on first use.
    `_layers` is for the test suite only: it switches layers 1-3 off to attack
    the remaining ones on their own. It is not a setting.
    """

    def __init__(
        self,
        limits: Limits | None = None,
        *,
        accept_weak_isolation: bool = False,
        python: str | None = None,
        diagnose: Diagnose | None = None,
        _layers: frozenset[str] | None = None,
    ) -> None:
        self.limits = limits or Limits()
        self.diagnose = diagnose
        self.accept_weak_isolation = accept_weak_isolation
        self.python = interpreters.resolve(python) if python else sys.executable
        self._layers = tuple(sorted(_layers)) if _layers is not None else LAYERS
        self._workers: dict[str, WorkerProcess] = {}
        self._ids = itertools.count(1)
        self._slots = Slots(self.limits.concurrency, self.limits.queue_bound)
        self._start_lock: asyncio.Lock | None = None
        self._warned: set[str] = set()
        self._closed = False
        self._counts = {"runs": 0, "failures": 0, "restarts": 0}
        self._by_status: dict[str, int] = {}

    # -- lifecycle -----------------------------------------------------------

    async def __aenter__(self) -> Sandbox:
        await self.start()
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.close()

    async def start(self, python: str | None = None) -> WorkerProcess:
        """Start (or restart, after a crash) the worker for `python`."""
        python = python or self.python
        if self._start_lock is None:
            self._start_lock = asyncio.Lock()
        async with self._start_lock:
            worker = self._workers.get(python)
            if worker is not None and worker.alive():
                return worker
            if worker is not None:
                self._counts["restarts"] += 1
                await worker.kill()
            index = list(self._workers).index(python) if worker else len(self._workers)
            worker = WorkerProcess(python, self.limits, index, self._layers)
            self._workers[python] = worker
            await worker.start()
            missing = missing_layers(worker.isolation)
            if missing and python not in self._warned:
                self._warned.add(python)
                log.warning(
                    "sandbox isolation is incomplete, missing: %s%s",
                    ", ".join(missing),
                    "" if self.accept_weak_isolation else "; runs will be refused",
                )
            return worker

    async def close(self) -> None:
        self._closed = True
        for worker in list(self._workers.values()):
            await worker.close()

    # -- runs ----------------------------------------------------------------

    async def run(
        self,
        code: str,
        *,
        timeout: float | None = None,  # noqa: ASYNC109 - the documented API
        memory_mib: int | None = None,
        mode: str = "script",
        python: str | None = None,
        fast: bool = False,
        timeline: bool = False,
        stdin: str = "",
        queued: Queued | None = None,
    ) -> Result:
        """Run `code`. If every slot is busy the run waits in line, and `queued`
        (when given) hears its place each time it moves; a full line answers busy."""
        refusal = self._check(code + stdin, timeout, memory_mib, mode)
        if refusal is None and python is not None:
            try:
                python = interpreters.resolve(python)
            except LookupError as exc:
                refusal = Result.refused("rejected", "UsageError", str(exc))
        if refusal is not None:
            return self._count(refusal)
        if self._closed:
            raise RuntimeError("the sandbox is closed")
        worker = await self.start(python)
        missing = missing_layers(worker.isolation)
        if missing and not self.accept_weak_isolation:
            return self._count(
                Result.refused(
                    "rejected",
                    "WeakIsolation",
                    "the sandbox cannot isolate snippets on this host (missing: "
                    + ", ".join(missing)
                    + "); set accept_weak_isolation to run anyway",
                )
            )
        slot = await self._slots.take(queued)
        if slot is None:
            return self._count(
                Result.refused("busy", "Busy", "the sandbox is busy; try again shortly")
            )
        try:
            wall = min(timeout or self.limits.wall_seconds, self.limits.wall_seconds)
            memory = min(memory_mib or self.limits.memory_mib, self.limits.memory_mib)
            order = protocol.Order(
                id=next(self._ids),
                slot=slot,
                wall=wall,
                cpu=max(1, min(self.limits.cpu_seconds, math.ceil(wall))),
                memory_bytes=memory << 20,
            )
            request = protocol.Request(
                source=code, mode=mode, fast=fast, timeline=timeline, stdin=stdin
            )
            log.debug("run %d started in slot %d", order.id, slot)
            result = await self._run_in_slot(worker, order, request)
        finally:
            self._slots.give(slot)
        return self._count(result)

    @property
    def waiting(self) -> int:
        """How many runs wait for a slot right now."""
        return self._slots.waiting

    def _check(self, code, timeout, memory_mib, mode) -> Result | None:
        if mode not in MODES:
            return Result.refused("rejected", "UsageError", f"mode must be one of {MODES}")
        if timeout is not None and not timeout > 0:
            return Result.refused("rejected", "UsageError", "timeout must be positive")
        if memory_mib is not None and not memory_mib > 0:
            return Result.refused("rejected", "UsageError", "memory must be positive")
        size = len(code.encode("utf-8", "surrogatepass"))
        if size > self.limits.source_bytes:
            return Result.refused(
                "rejected",
                "TooLarge",
                f"the snippet is {size} bytes; the limit is {self.limits.source_bytes} bytes",
            )
        return None

    def _count(self, result: Result) -> Result:
        if self.diagnose is not None:
            result = dataclasses.replace(result, hints=self.diagnose(result))
        self._counts["runs"] += 1
        self._by_status[result.status] = self._by_status.get(result.status, 0) + 1
        if result.error and result.error.get("type") == "SandboxError":
            self._counts["failures"] += 1
        return result

    async def _run_in_slot(
        self, worker: WorkerProcess, order: protocol.Order, request: protocol.Request
    ) -> Result:
        output = Output(self.limits.output_bytes)
        report = Output(protocol.REPORT_LIMIT)
        ends = [request.to_memfd(), output.write_end, report.write_end]
        done = None
        try:
            try:
                future = await worker.submit(order, ends)
            except OSError:
                log.exception("the sandbox worker cannot be reached; restarting it")
                await worker.kill()
                future = None
            finally:
                for fd in ends:
                    os.close(fd)
            if future is not None:
                try:
                    done = await asyncio.wait_for(
                        asyncio.shield(future), order.wall + GRACE_SECONDS
                    )
                except TimeoutError:
                    log.error("the sandbox worker did not answer in time; restarting it")
                    worker.forget(order.id)
                    await worker.kill()
            if done is not None and not (output.closed.done() and report.closed.done()):
                # The child is gone; what it wrote is in the pipes or in flight.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.gather(output.closed, report.closed), 2)
        finally:
            output.close()
            report.close()
        return build_result(
            done,
            protocol.parse_report(bytes(report.kept)),
            output,
            wall=order.wall,
            cpu_seconds=order.cpu,
            memory_mib=order.memory_bytes >> 20,
            threads=self.limits.threads,
            virtual_time=request.fast,
        )

    # -- introspection -------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        worker = self._workers.get(self.python)
        isolation = dict(worker.isolation) if worker else {}
        return {
            "backend": "local",
            "workers": sum(1 for w in self._workers.values() if w.alive()),
            "pythons": sorted(interpreters.version_of(p) for p in self._workers),
            "default_python": interpreters.version_of(self.python),
            "available": list(interpreters.available()),
            "slots": self.limits.concurrency,
            "running": self._slots.running,
            "queue": self._slots.waiting,
            "queue_bound": self.limits.queue_bound,
            **self._counts,
            "by_status": dict(self._by_status),
            "isolation": isolation,
            "missing_layers": missing_layers(isolation) if isolation else [],
        }
