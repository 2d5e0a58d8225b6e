import asyncio
import inspect

import pytest
from faq_samples import ALICE, GUILD

from bot.errors import InvalidInput
from bot.faq import FaqStore, LookupLog, LookupRecord
from bot.faq.db import Database


def record(i: int, command: str = "ask") -> LookupRecord:
    return LookupRecord(
        guild_id=GUILD, channel_id=1, user_id=i, command=command,
        query_raw=f"q{i}", query_norm=f"q{i}", kind="miss",
    )  # fmt: skip


async def count(db: Database) -> int:
    return (await db.read("SELECT count(*) FROM lookup_log"))[0][0]


def test_log_lookup_is_a_plain_function_not_a_coroutine():
    assert not inspect.iscoroutinefunction(LookupLog.log_lookup)


async def test_clean_close_writes_everything_queued(tmp_path):
    path = tmp_path / "l.db"
    async with Database(path) as db:
        log = LookupLog(db, interval=3600)
        log.start()
        for i in range(5000):
            log.log_lookup(record(i))
        await log.close()
        assert await count(db) == 5000
        assert (log.written, log.pending, log.dropped) == (5000, 0, 0)


async def test_store_close_flushes_lookups_made_just_before(tmp_path, seed_dir):
    path = tmp_path / "s.db"
    async with FaqStore(path, seed_dir=seed_dir) as store:
        for _ in range(50):
            await store.lookup(GUILD, "gather", ALICE)
        assert store.log.pending == 50  # nothing has been written yet
    async with Database(path) as db:
        assert await count(db) == 50


async def test_background_task_flushes_on_its_interval(tmp_path):
    async with Database(tmp_path / "l.db") as db:
        log = LookupLog(db, interval=0.05)
        log.start()
        log.log_lookup(record(1))
        for _ in range(100):
            if await count(db) == 1:
                break
            await asyncio.sleep(0.02)
        assert await count(db) == 1
        await log.close()


async def test_a_full_batch_is_written_without_waiting_for_the_interval(tmp_path):
    async with Database(tmp_path / "l.db") as db:
        log = LookupLog(db, interval=3600, batch_size=10)
        log.start()
        for i in range(10):
            log.log_lookup(record(i))
        for _ in range(100):
            if await count(db) == 10:
                break
            await asyncio.sleep(0.02)
        assert await count(db) == 10
        await log.close()


async def test_records_for_ask_and_explain_are_stored_with_their_command(tmp_path):
    async with Database(tmp_path / "l.db") as db:
        log = LookupLog(db)
        log.log_lookup(record(1, "ask"))
        r = record(2, "explain")
        r.kind, r.matched, r.score, r.suggestions = "search", "task-groups", 3.5, ("a", "b")
        log.log_lookup(r)
        await log.close()
        rows = await db.read("SELECT command, kind, matched, score, suggestions FROM lookup_log")
        assert [tuple(x) for x in rows] == [
            ("ask", "miss", None, None, "[]"),
            ("explain", "search", "task-groups", 3.5, '["a", "b"]'),
        ]


async def test_huge_or_unstorable_text_is_cut_and_cleaned_when_queued(tmp_path):
    async with Database(tmp_path / "l.db") as db:
        log = LookupLog(db)
        r = record(1)
        r.query_raw = "\ud800" + "x" * 100_000
        log.log_lookup(r)
        await log.close()
        raw = (await db.read("SELECT query_raw FROM lookup_log"))[0][0]
        assert len(raw) == 2000 and raw[0] == "\ufffd"


async def test_a_bad_record_fails_its_caller_not_the_batch(tmp_path):
    async with Database(tmp_path / "l.db") as db:
        log = LookupLog(db)
        bad = record(1)
        bad.guild_id = 2**70
        with pytest.raises(InvalidInput):
            log.log_lookup(bad)
        log.log_lookup(record(2))
        await log.close()
        assert await count(db) == 1


async def test_records_after_close_are_counted_as_dropped(tmp_path):
    async with Database(tmp_path / "l.db") as db:
        log = LookupLog(db)
        await log.close()
        log.log_lookup(record(1))
        assert log.dropped == 1
