"""A sandbox service that dies or restarts costs the bot only the runs in flight:
they are reported failed at once, never left hanging, and the next run finds the
new service on the same socket."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot import errors
from bot.runs import SANDBOX_DOWN, Snippet, run_snippet
from bot.sandbox import Limits, SandboxClient
from bot.sandbox.client import NotDelivered

from .services import ServiceProcess

SLEEPER = Snippet("import time\ntime.sleep(8)\nprint('too late')")


async def until_running(client: SandboxClient, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while (await client.stats())["running"] < 1:
        assert time.monotonic() < deadline, "the run never started"
        await asyncio.sleep(0.01)


async def test_a_run_whose_service_is_killed_is_reported_unavailable_at_once(tmp_path):
    path = tmp_path / "sandbox.sock"
    client = SandboxClient(path)
    async with ServiceProcess(path) as service:
        run = asyncio.create_task(run_snippet(client, SLEEPER, Limits(wall_seconds=9)))
        await until_running(client)
        killed = time.monotonic()
        await service.kill()
        with pytest.raises(errors.Unavailable) as info:
            await run
        assert info.value.message == SANDBOX_DOWN  # what !run shows
        assert time.monotonic() - killed < 3  # not the 8 s sleep, nor the client's deadline


async def test_the_same_client_finds_a_restarted_service_on_the_same_socket(tmp_path):
    path = tmp_path / "sandbox.sock"
    client = SandboxClient(path)
    async with ServiceProcess(path) as service:
        assert (await client.run("print('first')")).output == "first\n"
        await service.kill()
    assert path.exists()  # a killed service leaves its socket file behind...
    with pytest.raises(NotDelivered):  # ...where nothing listens
        await client.run("print('meanwhile')")
    async with ServiceProcess(path):
        result = await client.run("print('again')")
    assert result.status == "ok" and result.output == "again\n"
