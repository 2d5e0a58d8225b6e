"""What the bot adds to a run, one table: `python bench/run.py [--runs N]`.

A hello-world `!run` through the whole command path, as the console and
`python -m bot send` take it (a typed line becomes a discord.Message, goes
through discord.py's command machinery, the Run cog, the run service, the
sandbox, and the Reply is rendered both for Discord and as text), interleaved
with `Sandbox.run` of the same code on the same sandbox, so both see the same
machine. The difference is the bot's own overhead.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import AwaitBot  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.console import LocalSession  # noqa: E402
from bot.local import LOCAL_USER_ID  # noqa: E402
from bot.replies import discord_kwargs, render_text  # noqa: E402
from bot.resources import open_resources  # noqa: E402

HELLO = """\
import asyncio


async def main():
    print("hello from the sandbox")


asyncio.run(main())
"""
MESSAGE = f"!run ```py\n{HELLO}```"
PAUSE = 0.005  # between runs, as between two people's messages: the spare is ready


def quantiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


async def measure(runs: int) -> tuple[list[float], list[float]]:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(_env_file=None, db_path=Path(folder) / "bench.db")
        async with open_resources(settings) as resources:
            session = LocalSession()
            owners = frozenset({LOCAL_USER_ID})  # the console's user: no cooldown
            bot = AwaitBot(settings, resources, transport=session, owner_ids=owners)
            async with bot:
                session.attach(bot)
                await bot.setup_hook()
                sandbox, limits = resources.sandbox, resources.limits
                whole, alone = [], []
                for _ in range(3):  # warm both paths up
                    await session.handle(MESSAGE)
                for _ in range(runs):
                    await asyncio.sleep(PAUSE)
                    started = time.perf_counter()
                    (reply,) = await session.handle(MESSAGE)
                    discord_kwargs(reply)
                    render_text(reply, prefix=settings.prefix)
                    whole.append((time.perf_counter() - started) * 1000)
                    assert reply.meta.get("status") == "ok", reply.content
                    await asyncio.sleep(PAUSE)
                    started = time.perf_counter()
                    result = await sandbox.run(
                        HELLO, timeout=limits.wall_seconds, memory_mib=limits.memory_mib
                    )
                    alone.append((time.perf_counter() - started) * 1000)
                    assert result.status == "ok", result
    return whole, alone


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100, help="runs of each, interleaved")
    args = parser.parse_args()
    whole, alone = asyncio.run(measure(args.runs))
    (w_med, w_p95), (s_med, s_p95) = quantiles(whole), quantiles(alone)
    print(f"hello world, n={args.runs} each, interleaved in one process")
    print("| path | median | p95 |")
    print("|---|---|---|")
    print(f"| `!run` message in, reply rendered | {w_med:.1f} ms | {w_p95:.1f} ms |")
    print(f"| `Sandbox.run` alone | {s_med:.1f} ms | {s_p95:.1f} ms |")
    print(
        f"| the bot's own share | {w_med - s_med:.1f} ms | ratio {w_med / s_med:.2f} "
        f"(whole / sandbox, medians) |"
    )


if __name__ == "__main__":
    main()
