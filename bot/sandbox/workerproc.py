"""One warm worker process as the supervisor sees it: how it is started (inside
bubblewrap when the host allows), the orders sent to it, the events read back.
Lives in the caller's event loop; nothing here blocks it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import socket
from typing import Any

import RestrictedPython

from . import boundary, protocol
from .cgroups import CgroupPlan
from .limits import Limits

log = logging.getLogger(__name__)

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
SITE_DIR = os.path.dirname(os.path.abspath(RestrictedPython.__file__))
STARTUP_SECONDS = 30.0
BASE_UID = 61000
CELLS_PER_WORKER = 512  # two per slot, Limits.concurrency <= 256

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


class WorkerProcess:
    def __init__(self, python: str, limits: Limits, index: int, layers: tuple[str, ...]) -> None:
        self.python = python
        self.layers = layers
        self.limits = limits
        self.index = index
        self.process: asyncio.subprocess.Process | None = None
        self.ctrl: socket.socket | None = None
        self.reader_task: asyncio.Task | None = None
        self.pending: dict[int, asyncio.Future] = {}
        self.isolation: dict[str, Any] = {}
        self.cgroups: CgroupPlan | None = None

    def alive(self) -> bool:
        return (
            self.process is not None
            and self.process.returncode is None
            and self.ctrl is not None
            and self.reader_task is not None
            and not self.reader_task.done()
        )

    def _command(self) -> tuple[list[str], str, str, bool]:
        """(argv prefix, package dir, site dir as the worker sees them, isolated)."""
        site_parent = os.path.dirname(SITE_DIR)
        if os.geteuid() == 0 and boundary.bwrap():
            self.cgroups = CgroupPlan.create(2 * self.limits.concurrency)
            binds = self.cgroups.binds() if self.cgroups else []
            argv = boundary.command(self.python, PACKAGE_DIR, {"RestrictedPython": SITE_DIR}, binds)
            return argv, boundary.JAIL_PACKAGE, boundary.JAIL_SITE, True
        return [self.python], PACKAGE_DIR, site_parent, False

    async def start(self) -> None:
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        events_r, events_w = os.pipe()
        argv, package, site, isolated = self._command()
        config = {
            "ctrl_fd": child.fileno(),
            "events_fd": events_w,
            "slots": self.limits.concurrency,
            "isolated": isolated,
            "uid_base": BASE_UID + self.index * CELLS_PER_WORKER,
            "disk_bytes": self.limits.disk_bytes,
            "threads": self.limits.threads,
            "open_files": self.limits.open_files,
            "cpu_seconds": self.limits.cpu_seconds,
            "memory_bytes": self.limits.memory_mib << 20,
            "cgroups": self.cgroups.layout() if self.cgroups else None,
            "layers": list(self.layers),
            "namespaces": boundary.namespace_ids(),
        }
        try:
            self.process = await asyncio.create_subprocess_exec(
                *argv,
                *("-I", "-S", "-B", "-c", _BOOTSTRAP, package, site, json.dumps(config)),
                env={},  # the bot's token (and everything else) stays here
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                pass_fds=(child.fileno(), events_w),
                start_new_session=True,
            )
        except BaseException:
            parent.close()
            os.close(events_r)
            await self._remove_cgroups()
            raise
        finally:
            child.close()
            os.close(events_w)
        parent.setblocking(False)
        self.ctrl = parent
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=protocol.MESSAGE_LIMIT * 16)
        await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(events_r, "rb", 0)
        )
        try:
            ready = json.loads(await asyncio.wait_for(reader.readline(), STARTUP_SECONDS))
            self.isolation = dict(ready["isolation"])
        except (TimeoutError, ValueError, KeyError, TypeError) as exc:
            await self.kill()
            raise RuntimeError("the sandbox worker did not start") from exc
        self.reader_task = asyncio.create_task(self._read_events(reader))

    async def _read_events(self, reader: asyncio.StreamReader) -> None:
        try:
            while line := await reader.readline():
                event = json.loads(line)
                if event.get("event") != "done":
                    continue
                future = self.pending.pop(event.get("id"), None)
                if future is not None and not future.done():
                    future.set_result(protocol.decode_done(event))
        finally:
            # The worker is gone: every run still waiting on it is lost.
            for future in self.pending.values():
                if not future.done():
                    future.set_result(None)
            self.pending.clear()

    async def submit(self, order: protocol.Order, fds: list[int]) -> asyncio.Future:
        """Send one order; the future gets its Done, or None if the worker is lost."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self.pending[order.id] = future
        payload = order.encode()
        while True:
            if self.ctrl is None:
                self.pending.pop(order.id, None)
                raise ConnectionError("the sandbox worker is not running")
            try:
                protocol.send_with_fds(self.ctrl, payload, fds)
                return future
            except BlockingIOError:
                writable = loop.create_future()
                loop.add_writer(self.ctrl.fileno(), writable.set_result, None)
                try:
                    await writable
                finally:
                    loop.remove_writer(self.ctrl.fileno())
            except OSError:
                self.pending.pop(order.id, None)
                raise

    def forget(self, run_id: int) -> None:
        self.pending.pop(run_id, None)

    async def kill(self) -> None:
        process = self.process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()
        await self._after_exit()

    async def close(self) -> None:
        """Ask the worker to stop (EOF on its control socket), kill it if it won't."""
        if self.ctrl is not None:
            self.ctrl.close()
            self.ctrl = None
        process = self.process
        if process is not None and process.returncode is None:
            try:
                await asyncio.wait_for(process.wait(), 5)
            except TimeoutError:
                await self.kill()
                return
        await self._after_exit()

    async def _after_exit(self) -> None:
        if self.ctrl is not None:
            self.ctrl.close()
            self.ctrl = None
        if self.reader_task is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(self.reader_task, 5)
        await self._remove_cgroups()

    async def _remove_cgroups(self) -> None:
        if self.cgroups is not None:
            plan, self.cgroups = self.cgroups, None
            await asyncio.to_thread(plan.remove)
