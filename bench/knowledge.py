"""Benchmark of `!ask` and `!explain`: `python bench/knowledge.py [--faqs N]`.

Builds a temporary database with the 34 topics plus 10,000 FAQs (bench/faq.py's
generator), then measures in one run:

- building the models of the shipped answers (stems, the classifier's
  training with scikit-learn's import), once per process;
- `!ask`'s ranking over the evaluation questions (tests/data/ask_*.tsv):
  p50/p99, the first pass (cold caches) apart, against a bare `SELECT 1`
  through aiosqlite and a bare trip to a thread, measured alongside;
- `!explain <topic>` for every topic through the whole command path (the
  console's transport, discord.py's command machinery, a live sandbox run of
  the demo, the reply): median and slowest, against a sandbox hello world.

Prints a markdown table (copied into docs/knowledge.md).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from faq import build, create_schema, pct  # noqa: E402

from bot.app import AwaitBot  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.console import LocalSession  # noqa: E402
from bot.knowledge.evaluate import load_cases  # noqa: E402
from bot.local import LOCAL_USER_ID  # noqa: E402
from bot.resources import open_resources  # noqa: E402

EVAL_SETS = sorted((REPO / "tests" / "data").glob("ask_*.tsv"))
TARGET_P99_MS = 10.0


async def timed(call) -> float:
    start = time.perf_counter()
    await call()
    return (time.perf_counter() - start) * 1000


async def measure(path: Path, passes: int) -> list[tuple[str, str, str, str]]:
    rows = []
    settings = Settings(_env_file=None, db_path=path)
    questions = [case.question for path in EVAL_SETS for case in load_cases(path)]
    async with open_resources(settings) as resources:
        knowledge, store = resources.knowledge, resources.faqs
        # Once per process, before the first question (the bot starts it early).
        models = await timed(lambda: asyncio.to_thread(knowledge.ranker.index.prepare))
        # Baselines, interleaved with the measured calls so noise hits both.
        select1, hop, cold, warm = [], [], [], []
        for n in range(passes):
            for question in questions:
                select1.append(await timed(lambda: store.db.read("SELECT 1")))
                hop.append(await timed(lambda: asyncio.to_thread(int)))
                ranked = (await knowledge.ranker.rank(1, question)).elapsed_ms
                (cold if n == 0 else warm).append(ranked)
        rows.append(("the models of the shipped answers, built", f"{models:.0f}", "", "once"))
        rows.append(("`SELECT 1` through aiosqlite", *_p(select1), "baseline"))
        rows.append(("a trip to a thread (`to_thread`)", *_p(hop), "baseline"))
        rows.append((f"`!ask` ranking, first pass ({len(questions)} questions)", *_p(cold), ""))
        target = f"p99 <= {TARGET_P99_MS:g} ms"
        rows.append((f"`!ask` ranking, warm ({len(warm)} rankings)", *_p(warm), target))

        session = LocalSession()
        bot = AwaitBot(settings, resources, transport=session, owner_ids=frozenset({LOCAL_USER_ID}))
        async with bot:
            session.attach(bot)
            await bot.setup_hook()
            hello = [await timed(lambda: resources.sandbox.run("print('hi')")) for _ in range(30)]
            times = {}
            for slug in knowledge.library.topics:
                knowledge._demos.clear()  # a live run every time
                times[slug] = await timed(lambda slug=slug: session.handle(f"!explain {slug}"))
            slowest = max(times, key=times.get)
        rows.append(
            (
                "sandbox hello world (`Sandbox.run`)",
                f"{statistics.median(hello):.1f}",
                "",
                "baseline",
            )
        )
        rows.append((
            f"`!explain <topic>`, live demo, {len(times)} topics",
            f"{statistics.median(times.values()):.1f}",
            f"slowest {times[slowest]:.1f} ({slowest})",
            "median; slowest",
        ))  # fmt: skip
    return rows


def _p(samples: list[float]) -> tuple[str, str]:
    return f"{pct(samples, 50):.3f}", f"{pct(samples, 99):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faqs", type=int, default=10_000)
    parser.add_argument("--passes", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        asyncio.run(create_schema(path))
        build(path, args.faqs, 0, random.Random(4))
        print(f"{args.faqs:,} FAQs and the topics; python {sys.version.split()[0]}\n")
        rows = asyncio.run(measure(path, args.passes))
    print("| measurement | p50 / median ms | p99 ms | note |")
    print("|---|---:|---:|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
