"""Benchmark of the FAQ store: `python bench/faq.py [--faqs N] [--log-rows N]`.

Builds a temporary database with 10,000 FAQs and 1,000,000 lookup-log rows,
then measures, through the real FaqStore API:

- exact lookup and search latency (p50/p99), against a bare `SELECT 1`
  round trip through aiosqlite in the same run as the baseline;
- how many lookups per second LookupLog records (queue + flush);
- that a reply does not wait on logging: lookup latency while the logger
  is flushing a large backlog at the same time.

Prints a markdown table (copied into docs/faq.md).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.faq import FaqStore, LookupRecord, Who  # noqa: E402
from bot.faq.query import STOPWORDS  # noqa: E402

GUILD = 1
TARGETS = {"exact": 2.0, "search": 10.0, "logged": 5000}

_TOPIC = (
    "asyncio event loop task coroutine await gather wait timeout cancel shield queue lock "
    "semaphore future thread executor blocking sleep socket stream subprocess signal context "
    "taskgroup exception traceback debug slow callback handle schedule run policy"
).split()


# Text follows Zipf's law like real prose: stopwords first, then topic words,
# then a long tail of rarer words.
def _tail(n: int) -> list[str]:
    # Made-up words of 4-10 letters; unlike "w1", "w10", "w100"... they do not
    # share prefixes more than real words do.
    rng, out = random.Random(1), dict.fromkeys(STOPWORDS | set(_TOPIC))
    while len(out) < n:
        out.setdefault("".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(4, 10))))
    return list(out)[len(STOPWORDS) + len(_TOPIC) :]


VOCAB = sorted(STOPWORDS) + _TOPIC + _tail(20_000)
_CUM = list(itertools.accumulate(1 / (r + 1) ** 1.07 for r in range(len(VOCAB))))


def _words(rng: random.Random, n: int) -> list[str]:
    return rng.choices(VOCAB, cum_weights=_CUM, k=n)


def build(path: Path, faqs: int, log_rows: int, rng: random.Random) -> list[str]:
    """Bulk-load with plain sqlite3 in one transaction per table (setup only)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    now = time.time()
    names = [f"faq-{i}-{rng.choice(_TOPIC)}" for i in range(faqs)]
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO faq (id, guild_id, name, title, content, author_id, created_at,"
        " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, 1, ?, ?, 1)",
        (
            (i + 1, 0 if i % 5 == 0 else GUILD, n, " ".join(_words(rng, 6)),
             " ".join(_words(rng, 150)), now, now)
            for i, n in enumerate(names)
        ),
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO faq_key (faq_id, guild_id, key, kind) VALUES (?, ?, ?, ?)",
        (
            row
            for i, n in enumerate(names)
            for row in (
                (i + 1, 0 if i % 5 == 0 else GUILD, n, "name"),
                (i + 1, 0 if i % 5 == 0 else GUILD, f"alias-{i}", "alias"),
            )
        ),
    )
    conn.execute("COMMIT")
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO lookup_log (at, guild_id, channel_id, user_id, command, query_raw,"
        " query_norm, kind, faq_id, matched, score, suggestions, elapsed_ms)"
        " VALUES (?, ?, 2, ?, 'faq', ?, ?, ?, ?, ?, 1.0, '[]', 0.3)",
        (
            (now - rng.random() * 90 * 86400, GUILD, rng.randrange(10_000), q, q,
             "exact" if hit else "miss", f if hit else None, names[f - 1] if hit else None)
            for _ in range(log_rows)
            for f in (rng.randrange(1, faqs + 1),)
            for hit in (rng.random() < 0.8,)
            for q in (names[f - 1] if hit else f"missing-{rng.randrange(5000)}",)
        ),
    )  # fmt: skip
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()
    return names


async def timed(n: int, call: Callable[[int], Awaitable[object]]) -> list[float]:
    out = []
    for i in range(n):
        t = time.perf_counter()
        await call(i)
        out.append((time.perf_counter() - t) * 1000)
    return out


def pct(samples: list[float], p: float) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, int(len(s) * p / 100))]


async def measure(path: Path, names: list[str], rng: random.Random, n: int) -> list[tuple]:
    rows: list[tuple] = []
    who = Who(5, 6)

    def row(label: str, samples: list[float], target: str = "") -> None:
        rows.append((label, f"{pct(samples, 50):.3f}", f"{pct(samples, 99):.3f}", target))

    async with FaqStore(path, seed_dir=None) as store:
        reader = store.db.reader
        await timed(200, lambda i: reader.execute_fetchall("SELECT 1"))  # warm up
        row("baseline: `SELECT 1` via aiosqlite", await timed(n, lambda i: reader.execute_fetchall("SELECT 1")))  # fmt: skip
        own = [name for i, name in enumerate(names) if i % 5]  # the guild's, not defaults
        picks = [rng.choice(own) for _ in range(n)]
        await timed(200, lambda i: store.lookup(GUILD, picks[i], who))
        exact = await timed(n, lambda i: store.lookup(GUILD, picks[i], who))
        row("`lookup` exact name (incl. logging)", exact, f"p99 ≤ {TARGETS['exact']} ms")
        alias = await timed(n, lambda i: store.lookup(GUILD, f"alias-{rng.randrange(len(names))}", who))  # fmt: skip
        row("`lookup` alias", alias)
        # Queries drawn from the same word distribution as the text, so
        # common words are asked for as often as they are written.
        queries = [" ".join(_words(rng, rng.randint(2, 5))) for _ in range(n)]
        search = await timed(n, lambda i: store.search(GUILD, queries[i]))
        row("`search` 2-5 words (Zipf, like the text)", search, f"p99 ≤ {TARGETS['search']} ms")
        topic = [" ".join(rng.sample(_TOPIC[:6], 2)) for _ in range(n // 4)]
        worst = await timed(n // 4, lambda i: store.search(GUILD, topic[i]))
        row("`search` worst case: 2 words found in most FAQs", worst)
        misses = await timed(n // 10, lambda i: store.lookup(GUILD, f"zq{i}xv ykk{i}", who))
        row("`lookup` miss (search + fuzzy + suggestions)", misses)
        row("`info` (uses counted over the log)", await timed(200, lambda i: store.info(GUILD, picks[i])))  # fmt: skip
        await store.log.flush()

        # LookupLog throughput: queue N records, then flush them all.
        count = 200_000
        records = [
            LookupRecord(GUILD, 2, i, "ask", "some question", "some-question", "miss")
            for i in range(count)
        ]
        t = time.perf_counter()
        for r in records:
            store.log.log_lookup(r)
        queued = time.perf_counter() - t
        await store.log.flush()
        total = time.perf_counter() - t
        rows.append(("`log_lookup` call (queue only)", f"{queued / count * 1e6:.2f} µs", "", ""))
        rate = count / total
        rows.append(("LookupLog: lookups logged per second", f"{rate:,.0f}/s", "", f"≥ {TARGETS['logged']:,}/s"))  # fmt: skip

        # A reply does not wait on logging: lookups while a big backlog flushes.
        for r in records:
            store.log.log_lookup(r)
        flushing = asyncio.create_task(store.log.flush())
        during = []
        while not flushing.done():
            t = time.perf_counter()
            await store.lookup(GUILD, rng.choice(picks), who)
            during.append((time.perf_counter() - t) * 1000)
        await flushing
        row(f"`lookup` exact while logger flushes ({len(during)} lookups)", during)
        # Moderator reports read on their own connection: lookups go on.
        for label, report in (("stats", store.stats), ("misses", store.misses)):
            t = time.perf_counter()
            task = asyncio.create_task(report(GUILD, 30))
            during = []
            while not task.done():
                t1 = time.perf_counter()
                await store.lookup(GUILD, rng.choice(picks), who)
                during.append((time.perf_counter() - t1) * 1000)
            await task
            took = (time.perf_counter() - t) * 1000
            rows.append((f"`{label}` 30 days over the log (moderator)", f"{took:.0f}", "", ""))
            row(f"`lookup` exact while `{label}` runs ({len(during)} lookups)", during)
    return rows


async def create_schema(path: Path) -> None:
    async with FaqStore(path, seed_dir=None):
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faqs", type=int, default=10_000)
    parser.add_argument("--log-rows", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(4)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        asyncio.run(create_schema(path))
        t = time.perf_counter()
        names = build(path, args.faqs, args.log_rows, rng)
        built = time.perf_counter() - t
        print(f"built {args.faqs:,} FAQs and {args.log_rows:,} log rows in {built:.1f} s\n")
        rows = asyncio.run(measure(path, names, rng, args.samples))
    print("| measurement | p50 ms | p99 ms | target |")
    print("|---|---:|---:|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
