"""Waiting for something another task, thread or process changes: poll, never
a fixed sleep, and give up loudly after a deadline."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

DEADLINE = 20.0  # seconds; generous for a loaded machine, still a clear failure


async def until(condition: Callable[[], object], deadline: float = DEADLINE) -> None:
    async with asyncio.timeout(deadline):
        while not condition():  # noqa: ASYNC110 - polls state other tasks and processes change
            await asyncio.sleep(0.005)
