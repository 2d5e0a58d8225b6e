"""The line of runs waiting for a sandbox slot: first come first served, each
told its place as it moves, bounded."""

from __future__ import annotations

import asyncio

from bot.sandbox import Limits
from bot.sandbox.slots import Slots
from tests.polling import until
from tests.sandbox.helpers import Sandbox


async def test_waiting_runs_hear_their_place_and_start_in_order():
    slots = Slots(1, bound=5)
    first = await slots.take()
    heard: dict[str, list[int]] = {"a": [], "b": []}
    a = asyncio.create_task(slots.take(heard["a"].append))
    b = asyncio.create_task(slots.take(heard["b"].append))
    await until(lambda: slots.waiting == 2)
    assert heard == {"a": [1], "b": [2]}
    slots.give(first)
    assert await a == first and not b.done()
    assert heard == {"a": [1, 0], "b": [2, 1]}
    slots.give(await a)
    assert await b == first and heard["b"] == [2, 1, 0]


async def test_a_run_cancelled_in_line_moves_the_ones_behind_it_up():
    slots = Slots(1, bound=5)
    await slots.take()
    heard: list[int] = []
    a = asyncio.create_task(slots.take())
    b = asyncio.create_task(slots.take(heard.append))
    await until(lambda: slots.waiting == 2)
    a.cancel()
    await until(lambda: heard == [2, 1])
    assert slots.waiting == 1 and not b.done()
    b.cancel()


async def test_a_full_line_turns_runs_away_at_once():
    slots = Slots(1, bound=1)
    await slots.take()
    waiting = asyncio.create_task(slots.take())
    await until(lambda: slots.waiting == 1)
    assert await slots.take() is None
    waiting.cancel()


async def test_a_failing_callback_does_not_break_the_line():
    slots = Slots(1, bound=2)
    slot = await slots.take()

    def broken(place: int) -> None:
        raise RuntimeError("boom")

    waiting = asyncio.create_task(slots.take(broken))
    await until(lambda: slots.waiting == 1)
    slots.give(slot)
    assert await waiting == slot


async def test_sandbox_runs_tell_their_place_and_the_waiting_count():
    async with Sandbox(Limits(concurrency=1, queue_bound=2)) as box:
        gate = "import time\ntime.sleep(0.3)\n"
        first = asyncio.create_task(box.run(gate))
        await until(lambda: box.stats()["running"] == 1)
        heard: list[int] = []
        second = asyncio.create_task(box.run("print(2)", queued=heard.append))
        await until(lambda: box.waiting == 1)
        assert heard == [1]
        assert (await second).output == "2\n" and heard == [1, 0]
        assert (await first).status == "ok" and box.waiting == 0
