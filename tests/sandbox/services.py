"""Sandbox services for the tests: real `python -m bot.sandbox serve` processes to
stop and restart, and `service.serve` in this process for a Sandbox built here."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import time
from pathlib import Path

from bot.sandbox import Sandbox, SandboxClient, service
from bot.sandbox.client import NotDelivered

from .helpers import JAIL, REPO, WORKER_PYTHON

START_SECONDS = 60.0


class ServiceProcess:
    """One sandbox service on `path`; `start()` waits until it answers."""

    def __init__(self, path: Path, concurrency: int = 1) -> None:
        self.path = path
        self.concurrency = concurrency
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> ServiceProcess:
        command = [sys.executable, "-m", "bot.sandbox", "serve", "--socket", str(self.path)]
        command += ["--concurrency", str(self.concurrency), "--python", WORKER_PYTHON]
        if not JAIL:
            command.append("--accept-weak-isolation")
        self.process = await asyncio.create_subprocess_exec(*command, cwd=REPO)
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                await SandboxClient(self.path).stats()
                return self
            except NotDelivered:
                assert self.process.returncode is None, "the sandbox service exited"
                assert time.monotonic() < deadline, "the sandbox service did not start"
                await asyncio.sleep(0.05)

    async def kill(self) -> None:
        """SIGKILL, as a crash or `docker kill` ends it: no goodbye, the socket file stays."""
        await self._end(signal.SIGKILL)

    async def stop(self) -> None:
        await self._end(signal.SIGTERM)

    async def _end(self, signum: int) -> None:
        if self.process is not None and self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signum)
            await self.process.wait()

    async def __aenter__(self) -> ServiceProcess:
        return await self.start()

    async def __aexit__(self, *exc_info) -> None:
        await self.stop()


@contextlib.asynccontextmanager
async def serving(path: str, sandbox: Sandbox):
    """`service.serve` on `path` until the block ends; yields the stop event."""
    stop = asyncio.Event()
    task = asyncio.create_task(service.serve(sandbox, path, stop))
    for _ in range(200):
        with contextlib.suppress(OSError):
            await SandboxClient(path).stats()
            break
        await asyncio.sleep(0.01)
    try:
        yield stop
    finally:
        stop.set()
        await task
