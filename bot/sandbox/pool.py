"""The supervisor, living in the caller's event loop: starts the warm worker, hands it
runs, reads each run's output through a bounded buffer, and turns what happened
into a Result. Nothing here blocks the event loop.
"""

from __future__ import annotations

import array
import asyncio
import contextlib
import itertools
import json
import logging
import math
import os
import shutil
import signal
import socket
import sys
from typing import Any

import RestrictedPython

from .limits import MODES, Limits
from .outcome import Output, build_result, missing_layers
from .result import Result

log = logging.getLogger(__name__)

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
STARTUP_SECONDS = 30.0
GRACE_SECONDS = 5.0

_BOOTSTRAP = """\
import importlib.util, sys
package, site = sys.argv[1], sys.argv[2]
sys.path.insert(0, site)
spec = importlib.util.spec_from_file_location(
    "awaitbot_sandbox", package + "/__init__.py", submodule_search_locations=[package])
module = importlib.util.module_from_spec(spec)
sys.modules["awaitbot_sandbox"] = module
spec.loader.exec_module(module)
from awaitbot_sandbox.worker import main
main(sys.argv[3])
"""


class Sandbox:
    """Runs snippets in fresh children of one warm, isolated worker process.

    `_layers` is for the test suite only: it switches layers 1-3 off to attack
    the remaining ones on their own. It is not a setting.
    """

    def __init__(
        self,
        limits: Limits | None = None,
        *,
        accept_weak_isolation: bool = False,
        python: str | None = None,
        _layers: frozenset[str] | None = None,
    ) -> None:
        self.limits = limits or Limits()
        self.accept_weak_isolation = accept_weak_isolation
        self.python = python or sys.executable
        self._layers = _layers
        self._process: asyncio.subprocess.Process | None = None
        self._ctrl: socket.socket | None = None
        self._events: asyncio.StreamReader | None = None
        self._reader_task: asyncio.Task | None = None
        self._pending: dict[int, asyncio.Future] = {}
        self._ids = itertools.count(1)
        self._free = list(range(self.limits.concurrency))
        self._slot_ready: asyncio.Condition | None = None
        self._waiting = 0
        self._start_lock: asyncio.Lock | None = None
        self._isolation: dict[str, Any] = {}
        self._warned = False
        self._closed = False
        self._counts = {"runs": 0, "failures": 0, "restarts": 0}
        self._by_status: dict[str, int] = {}

    # -- lifecycle -----------------------------------------------------------

    async def __aenter__(self) -> Sandbox:
        await self.start()
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.close()

    async def start(self) -> None:
        if self._start_lock is None:
            self._start_lock = asyncio.Lock()
            self._slot_ready = asyncio.Condition()
        async with self._start_lock:
            if self._worker_alive():
                return
            if self._process is not None:
                # The worker died (or was killed): count it, clean up, start afresh.
                self._counts["restarts"] += 1
                await self._kill_worker()
            await self._spawn()

    def _worker_alive(self) -> bool:
        return (
            self._process is not None
            and self._process.returncode is None
            and self._ctrl is not None
            and self._reader_task is not None
            and not self._reader_task.done()
        )

    def _command(self) -> tuple[list[str], bool]:
        site = os.path.dirname(os.path.dirname(os.path.abspath(RestrictedPython.__file__)))
        python = [self.python, "-I", "-S", "-B", "-c", _BOOTSTRAP, PACKAGE_DIR, site]
        unshare = shutil.which("unshare")
        if os.geteuid() == 0 and unshare:
            prefix = [unshare, "--net", "--mount", "--pid", "--fork", "--mount-proc"]
            return [*prefix, "--kill-child", "--", *python], True
        return python, False

    async def _spawn(self) -> None:
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        events_r, events_w = os.pipe()
        command, isolated = self._command()
        config = {
            "ctrl_fd": child.fileno(),
            "events_fd": events_w,
            "slots": self.limits.concurrency,
            "isolated": isolated,
            "disk_bytes": self.limits.disk_bytes,
            "threads": self.limits.threads,
            "open_files": self.limits.open_files,
            "cpu_seconds": self.limits.cpu_seconds,
            "memory_mib": self.limits.memory_mib,
        }
        try:
            self._process = await asyncio.create_subprocess_exec(
                *command,
                json.dumps(config),
                env={},  # the bot's token (and everything else) stays here
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                pass_fds=(child.fileno(), events_w),
                start_new_session=True,
            )
        finally:
            child.close()
            os.close(events_w)
        parent.setblocking(False)
        self._ctrl = parent
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=1 << 20)
        await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(events_r, "rb", 0)
        )
        self._events = reader
        try:
            line = await asyncio.wait_for(reader.readline(), STARTUP_SECONDS)
            ready = json.loads(line)
        except (TimeoutError, ValueError) as exc:
            await self._kill_worker()
            raise RuntimeError("the sandbox worker did not start") from exc
        self._isolation = ready["isolation"]
        self._reader_task = asyncio.create_task(self._read_events(reader))
        missing = missing_layers(self._isolation)
        if missing and not self._warned:
            self._warned = True
            log.warning(
                "sandbox isolation is incomplete, missing: %s%s",
                ", ".join(missing),
                "" if self.accept_weak_isolation else "; runs will be refused",
            )

    async def _read_events(self, reader: asyncio.StreamReader) -> None:
        while True:
            line = await reader.readline()
            if not line:
                break
            event = json.loads(line)
            future = self._pending.pop(event.get("id"), None)
            if future is not None and not future.done():
                future.set_result(event)
        # The worker is gone: every run still waiting on it is lost.
        for future in self._pending.values():
            if not future.done():
                future.set_result(None)
        self._pending.clear()

    async def _kill_worker(self) -> None:
        process = self._process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()
        if self._ctrl is not None:
            self._ctrl.close()
            self._ctrl = None
        if self._reader_task is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(self._reader_task, 5)

    async def _restart(self) -> None:
        await self._kill_worker()

    async def close(self) -> None:
        self._closed = True
        if self._ctrl is not None:
            self._ctrl.close()
            self._ctrl = None
        process = self._process
        if process is not None and process.returncode is None:
            try:
                await asyncio.wait_for(process.wait(), 5)
            except TimeoutError:
                await self._kill_worker()
        if self._reader_task is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(self._reader_task, 5)

    # -- runs ----------------------------------------------------------------

    async def run(
        self,
        code: str,
        *,
        timeout: float | None = None,  # noqa: ASYNC109 - the documented API
        memory_mib: int | None = None,
        mode: str = "script",
    ) -> Result:
        limits = self.limits
        refusal = self._check(code, timeout, memory_mib, mode)
        if refusal is not None:
            return self._count(refusal)
        if self._closed:
            raise RuntimeError("the sandbox is closed")
        await self.start()
        assert self._slot_ready is not None
        async with self._slot_ready:
            if not self._free and self._waiting >= limits.queue_bound:
                return self._count(
                    Result.refused("busy", "Busy", "the sandbox is busy; try again shortly")
                )
            self._waiting += 1
            try:
                await self._slot_ready.wait_for(lambda: bool(self._free))
            finally:
                self._waiting -= 1
            slot = self._free.pop()
        try:
            wall = min(timeout or limits.wall_seconds, limits.wall_seconds)
            memory = min(memory_mib or limits.memory_mib, limits.memory_mib)
            result = await self._run_in_slot(code, slot, wall, memory, mode)
        finally:
            async with self._slot_ready:
                self._free.append(slot)
                self._slot_ready.notify()
        return self._count(result)

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
        missing = missing_layers(self._isolation) if self._isolation else []
        if missing and not self.accept_weak_isolation:
            return Result.refused(
                "rejected",
                "WeakIsolation",
                "the sandbox cannot isolate snippets on this host (missing: "
                + ", ".join(missing)
                + "); set accept_weak_isolation to run anyway",
            )
        return None

    def _count(self, result: Result) -> Result:
        self._counts["runs"] += 1
        self._by_status[result.status] = self._by_status.get(result.status, 0) + 1
        return result

    async def _run_in_slot(self, code: str, slot: int, wall: float, memory: int, mode: str):
        loop = asyncio.get_running_loop()
        run_id = next(self._ids)
        request = {
            "id": run_id,
            "slot": slot,
            "source": code,
            "mode": mode,
            "wall": wall,
            "cpu": max(1, min(self.limits.cpu_seconds, math.ceil(wall))),
            "memory_mib": memory,
        }
        if self._layers is not None:
            request["layers"] = sorted(self._layers)
        out_r, out_w = os.pipe2(os.O_CLOEXEC)
        output = Output(self.limits.output_bytes)
        transport = None
        future = loop.create_future()
        self._pending[run_id] = future
        try:
            transport, _ = await loop.connect_read_pipe(lambda: output, os.fdopen(out_r, "rb", 0))
            try:
                await self._send(json.dumps(request).encode(), out_w)
            except OSError:
                log.exception("the sandbox worker cannot be reached; restarting it")
                future.set_result(None)
                await self._restart()
            os.close(out_w)
            out_w = -1
            try:
                event = await asyncio.wait_for(asyncio.shield(future), wall + GRACE_SECONDS)
            except TimeoutError:
                event = None
                log.error("the sandbox worker did not answer in time; restarting it")
                await self._restart()
            if event is not None:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(output.closed), 2)
        finally:
            self._pending.pop(run_id, None)
            if out_w >= 0:
                os.close(out_w)
            if transport is not None:
                transport.close()
        return self._result(event, output, code, wall)

    async def _send(self, payload: bytes, fd: int) -> None:
        loop = asyncio.get_running_loop()
        fds = [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [fd]))]
        while True:
            if self._ctrl is None:
                raise ConnectionError("the sandbox worker is not running")
            try:
                self._ctrl.sendmsg([payload], fds)
                return
            except BlockingIOError:
                writable = loop.create_future()
                loop.add_writer(self._ctrl.fileno(), writable.set_result, None)
                try:
                    await writable
                finally:
                    loop.remove_writer(self._ctrl.fileno())

    def _result(self, event: dict | None, output: Output, code: str, wall: float) -> Result:
        result = build_result(event, output, code, wall, self.limits.cpu_seconds)
        if result.error and result.error.get("type") == "SandboxError":
            self._counts["failures"] += 1
        return result

    # -- introspection -------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        running = self.limits.concurrency - len(self._free)
        alive = self._worker_alive()
        return {
            "backend": "local",
            "workers": 1 if alive else 0,
            "slots": self.limits.concurrency,
            "running": running,
            "queue": self._waiting,
            "queue_bound": self.limits.queue_bound,
            **self._counts,
            "by_status": dict(self._by_status),
            "isolation": dict(self._isolation),
            "missing_layers": missing_layers(self._isolation) if self._isolation else [],
        }
