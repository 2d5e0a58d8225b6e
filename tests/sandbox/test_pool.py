"""SandboxPool over real `python -m bot.sandbox serve` processes: runs spread over
the endpoints, go around one that is down, and fail plainly when all are."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot import errors
from bot.runs import SANDBOX_DOWN, Snippet, run_snippet
from bot.sandbox import Limits, SandboxClient, SandboxPool, pool
from bot.sandbox.client import AnswerLost, NotDelivered

from .helpers import Sandbox
from .services import ServiceProcess, serving


@pytest.fixture
async def two(tmp_path):
    """Two services of one slot each, and a pool over them."""
    first = ServiceProcess(tmp_path / "a.sock")
    second = ServiceProcess(tmp_path / "b.sock")
    await asyncio.gather(first.start(), second.start())
    try:
        yield first, second, SandboxPool.connect([first.path, second.path])
    finally:
        await asyncio.gather(first.stop(), second.stop())


async def runs_on(service: ServiceProcess) -> int:
    return (await SandboxClient(service.path).stats())["runs"]


async def test_quiet_runs_take_turns_over_the_endpoints(two):
    first, second, sandboxes = two
    for n in range(6):
        assert (await sandboxes.run(f"print({n})")).output == f"{n}\n"
    assert (await runs_on(first), await runs_on(second)) == (3, 3)


async def test_runs_at_once_go_to_the_least_busy_endpoint(two):
    first, second, sandboxes = two
    sleeper = "import time\ntime.sleep(1)\nprint('slept')"
    started = time.monotonic()
    results = await asyncio.gather(*(sandboxes.run(sleeper, timeout=5) for _ in range(4)))
    took = time.monotonic() - started
    assert [r.output for r in results] == ["slept\n"] * 4
    assert (await runs_on(first), await runs_on(second)) == (2, 2)
    assert took < 3.5  # two at a time, one per endpoint; one endpoint alone needs 4 s


async def test_when_one_endpoint_is_down_runs_go_to_the_other(two):
    first, second, sandboxes = two
    await first.kill()
    results = [await sandboxes.run(f"print({n})") for n in range(4)]
    assert [r.output for r in results] == [f"{n}\n" for n in range(4)]
    assert await runs_on(second) == 4
    stats = await sandboxes.stats()
    assert [e["up"] for e in stats["endpoints"]] == [False, True]
    assert stats["slots"] == 1  # only the live endpoint counts


async def test_a_run_lost_with_its_endpoint_is_reported_not_repeated(two):
    first, second, sandboxes = two
    sleeper = "import time\ntime.sleep(8)"
    run = asyncio.create_task(sandboxes.run(sleeper, timeout=9))
    client = SandboxClient(first.path)
    deadline = time.monotonic() + 20
    victim, other = first, second
    while True:  # the run went to one of the two: find which, then kill that one
        if (await client.stats())["running"]:
            break
        if (await SandboxClient(second.path).stats())["running"]:
            victim, other = second, first
            break
        assert time.monotonic() < deadline, "the run never started"
        await asyncio.sleep(0.01)
    await victim.kill()
    with pytest.raises(AnswerLost):
        await run
    # The snippet may be what brought its server down: it is not run again elsewhere.
    assert await runs_on(other) == 0


async def test_when_every_endpoint_is_down_the_run_is_named_an_outage(two):
    first, second, sandboxes = two
    await asyncio.gather(first.kill(), second.kill())
    with pytest.raises(NotDelivered, match="no sandbox endpoint took the run"):
        await sandboxes.run("print(1)")
    with pytest.raises(errors.Unavailable) as info:
        await run_snippet(sandboxes, Snippet("print(1)"), Limits())
    assert info.value.message == SANDBOX_DOWN
    with pytest.raises(NotDelivered):
        await sandboxes.stats()


async def test_a_pool_of_one_finds_its_restarted_service_at_once(tmp_path):
    service = ServiceProcess(tmp_path / "sandbox.sock")
    sandboxes = SandboxPool.connect([service.path])  # what one AWAITBOT_SANDBOX_SOCKET gives
    async with service:
        assert (await sandboxes.run("print(1)")).status == "ok"
        await service.kill()
        with pytest.raises(NotDelivered):
            await sandboxes.run("print(2)")
        await service.start()  # the same socket path, a new process
        # Paused, but with no other endpoint the run tries it anyway.
        assert (await sandboxes.run("print('back')")).output == "back\n"


async def test_an_endpoint_back_after_its_pause_rejoins_the_rotation(two, monkeypatch):
    first, second, sandboxes = two
    monkeypatch.setattr(pool, "DOWN_SECONDS", 0.2)
    await second.kill()
    for _ in range(2):
        assert (await sandboxes.run("print(1)")).status == "ok"
    assert sandboxes.endpoints[1].down_until > 0  # paused
    await second.start()
    deadline = time.monotonic() + 20
    while await runs_on(second) == 0:
        assert time.monotonic() < deadline, "the endpoint never got a run again"
        assert (await sandboxes.run("print(2)")).status == "ok"
        await asyncio.sleep(0.02)


async def test_a_run_an_endpoint_is_too_busy_for_goes_to_the_next(tmp_path):
    # Another bot process fills the first service (one slot, no queue); this pool
    # cannot know, but the `busy` answer means nothing ran, so it tries the other.
    full, free = str(tmp_path / "full.sock"), str(tmp_path / "free.sock")
    async with (
        Sandbox(Limits(concurrency=1, queue_bound=0)) as one,
        Sandbox(Limits(concurrency=1)) as other,
        serving(full, one),
        serving(free, other),
    ):
        other_bot = asyncio.create_task(
            SandboxClient(full).run("import time\ntime.sleep(3)", timeout=5)
        )
        deadline = time.monotonic() + 20
        while one.stats()["running"] == 0:
            assert time.monotonic() < deadline, "the other bot's run never started"
            await asyncio.sleep(0.01)
        sandboxes = SandboxPool.connect([full, free])
        results = [await sandboxes.run(f"print({n})") for n in range(2)]
        assert [r.status for r in results] == ["ok", "ok"]
        assert sandboxes.endpoints[0].down_until == 0.0  # busy is not down
        assert (await other_bot).status == "ok"
