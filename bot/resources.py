"""The long-lived resources the bot needs, opened once under asyncio.run."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import math
import sqlite3
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass

from bot import errors
from bot.config import Settings
from bot.faq import FaqStore
from bot.knowledge.diagnostics import diagnose
from bot.knowledge.service import Knowledge
from bot.sandbox import Limits, Sandbox, SandboxClient, SandboxPool
from bot.sandbox import health as sandbox_health

log = logging.getLogger(__name__)

FIRST_RETRY = 1.0  # seconds before the first retry of resources that failed to open
MAX_RETRY = 60.0  # the longest wait between retries


@dataclass
class Resources:
    faqs: FaqStore
    sandbox: Sandbox | SandboxClient | SandboxPool
    limits: Limits
    python: str | None = None  # the default Python for snippets (None: the sandbox's)
    knowledge: Knowledge | None = None  # topics, !ask's ranking (None only in narrow tests)

    async def health(self) -> dict[str, str]:
        """One short phrase per resource, for `!about`; never raises."""
        return {"database": await self._db_health(), "sandbox": await self._sandbox_health()}

    async def _db_health(self) -> str:
        try:
            row = await self.faqs.db.read_one("PRAGMA quick_check")
        except Exception as exc:
            return f"unavailable ({type(exc).__name__})"
        return "ok" if row and row[0] == "ok" else f"damaged ({row[0] if row else '?'})"

    async def sandbox_stats(self) -> dict:
        stats = self.sandbox.stats()
        return await stats if inspect.isawaitable(stats) else stats

    async def sandbox_pythons(self) -> str:
        """`3.11 (default), 3.12, 3.13`: the Pythons snippets can choose; never raises."""
        try:
            stats = await self.sandbox_stats()
        except Exception:
            return ""
        default = self.python or stats.get("default_python")
        return ", ".join(
            f"{v} (default)" if v == default else v for v in stats.get("available", [])
        )

    async def _sandbox_health(self) -> str:
        try:
            stats = await self.sandbox_stats()
        except Exception as exc:
            return f"unavailable ({type(exc).__name__})"
        return sandbox_health.verdict(stats)[1]


def sandbox_limits(settings: Settings) -> Limits:
    concurrency = settings.sandbox_concurrency or Limits().concurrency
    return Limits(
        wall_seconds=settings.sandbox_timeout,
        cpu_seconds=math.ceil(settings.sandbox_cpu_seconds),
        memory_mib=settings.sandbox_memory_mib,
        output_bytes=settings.sandbox_output_kib * 1024,
        concurrency=concurrency,
        queue_bound=settings.sandbox_queue,
    )


def open_sandbox(settings: Settings, limits: Limits) -> Sandbox | SandboxPool:
    """The sandbox services the settings name, or a sandbox in this process."""
    if settings.sandbox_socket:
        log.info("using the sandbox service at %s", ", ".join(map(str, settings.sandbox_socket)))
        return SandboxPool.connect(settings.sandbox_socket, diagnose=diagnose)
    return Sandbox(
        limits,
        accept_weak_isolation=settings.sandbox_accept_weak_isolation,
        python=settings.sandbox_python,
        diagnose=diagnose,
    )


@asynccontextmanager
async def open_resources(settings: Settings) -> AsyncIterator[Resources]:
    async with AsyncExitStack() as stack:
        path = settings.db_path
        path.parent.mkdir(parents=True, exist_ok=True)
        log.info("opening database %s", path)
        # Closing the store flushes the lookup log: nothing queued is lost.
        faqs = await stack.enter_async_context(FaqStore(path))
        limits = sandbox_limits(settings)
        sandbox = await stack.enter_async_context(open_sandbox(settings, limits))
        knowledge = await Knowledge.open(
            faqs, sandbox, settings.sandbox_python, prefix=settings.prefix
        )
        yield Resources(
            faqs=faqs,
            sandbox=sandbox,
            limits=limits,
            python=settings.sandbox_python,
            knowledge=knowledge,
        )
    log.info("resources closed")


class Stopped(Exception):
    """A stop was asked for while the resources were still being opened."""


@asynccontextmanager
async def open_resources_patiently(
    settings: Settings, stop: asyncio.Event
) -> AsyncIterator[Resources]:
    """open_resources, retried with backoff while the database cannot be opened
    (a volume not mounted yet, a lock, a permission being fixed), so a container
    waits for it instead of crashing in a loop. Raises Stopped if `stop` is set
    first."""
    delay = FIRST_RETRY
    async with AsyncExitStack() as stack:
        while True:
            try:
                resources = await stack.enter_async_context(open_resources(settings))
                break
            except (OSError, sqlite3.Error, errors.Unavailable) as exc:
                log.warning(
                    "the database %s cannot be opened (%s: %s); retrying in %g s",
                    settings.db_path,
                    type(exc).__name__,
                    exc,
                    delay,
                )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)
            if stop.is_set():
                raise Stopped
            delay = min(delay * 2, MAX_RETRY)
        yield resources
