"""Concurrency and crash safety, on real files."""

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from faq_samples import ALICE, GUILD

from bot.faq import FaqStore

ROOT = Path(__file__).resolve().parents[2]


async def test_fifty_concurrent_edits_are_all_recorded_and_the_last_one_wins(store):
    await store.add(GUILD, "hot", "v0", 1)

    async def edit(user: int) -> tuple[int, str]:
        entry = await store.edit(GUILD, "hot", f"edit by {user}", user, reason=f"r{user}")
        return entry.revision, entry.content

    results = await asyncio.gather(*(edit(u) for u in range(100, 150)))
    revisions = sorted(results)
    assert [r for r, _ in revisions] == list(range(2, 52))
    last_committed = revisions[-1][1]
    assert (await store.get(GUILD, "hot")).content == last_committed
    hist = await store.history(GUILD, "hot")
    assert len(hist) == 51
    assert {h.author_id for h in hist[1:]} == set(range(100, 150))
    assert all(h.content == f"edit by {h.author_id}" for h in hist[1:])


async def test_reads_and_lookups_during_writes_never_hit_a_lock(store):
    await store.add(GUILD, "hot", "v0", 1)

    async def writer(i: int) -> None:
        await store.add(GUILD, f"n{i}", "x", i)
        await store.edit(GUILD, "hot", f"v{i}", i)

    async def reader() -> None:
        for _ in range(20):
            await store.lookup(GUILD, "hot", ALICE)
            await store.list_page(GUILD, 2)

    await asyncio.gather(*(writer(i) for i in range(30)), *(reader() for _ in range(10)))
    assert (await store.list_page(GUILD)).total == 2 + 31


async def test_two_stores_on_one_file_share_it_through_busy_timeout(tmp_path, seed_dir):
    path = tmp_path / "shared.db"
    async with FaqStore(path, seed_dir=seed_dir) as a, FaqStore(path, seed_dir=seed_dir) as b:
        await asyncio.gather(
            *(a.add(GUILD, f"a{i}", "x", 1) for i in range(20)),
            *(b.add(GUILD, f"b{i}", "x", 1) for i in range(20)),
        )
        assert (await a.list_page(GUILD)).total == 42


WRITER = textwrap.dedent(
    """
    import asyncio, sys
    from bot.faq import FaqStore

    async def main():
        async with FaqStore(sys.argv[1], seed_dir=None) as store:
            i = 0
            while True:
                entry = await store.add(1, f"entry-{i}", "x" * 500, 1, aliases=[f"al-{i}"])
                print(entry.id, entry.name, flush=True)  # acknowledged: committed
                i += 1

    asyncio.run(main())
    """
)


def test_sigkill_mid_writes_loses_no_acknowledged_write(tmp_path):
    path = tmp_path / "crash.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    acked = []
    try:
        for line in proc.stdout:
            acked.append(line.split())
            if len(acked) == 300:
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
    assert len(acked) == 300 and proc.returncode == -signal.SIGKILL

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')")
        rows = dict(conn.execute("SELECT id, name FROM faq WHERE guild_id = 1"))
        for faq_id, name in acked:
            assert rows[int(faq_id)] == name
        keys = {k for (k,) in conn.execute("SELECT key FROM faq_key")}
        assert {f"al-{i}" for i in range(300)} <= keys
        revisions = conn.execute("SELECT count(*) FROM faq_revision").fetchone()[0]
        assert revisions >= 300
    finally:
        conn.close()


async def test_store_reopens_after_a_crash(tmp_path, seed_dir):
    test_sigkill_mid_writes_loses_no_acknowledged_write(tmp_path)
    async with FaqStore(tmp_path / "crash.db", seed_dir=seed_dir) as store:
        assert (await store.get(1, "al-5")).name == "entry-5"
        await store.add(1, "after-crash", "x", 1)


async def test_a_cancelled_write_is_all_or_nothing_and_leaves_the_writer_usable(store):
    for step in range(40):
        task = asyncio.create_task(store.add(GUILD, f"c{step}", "x", 1, aliases=[f"ca{step}"]))
        for _ in range(step):
            await asyncio.sleep(0)
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass
        await store.add(GUILD, f"after{step}", "x", 1)  # no "transaction within a transaction"
        rows = await store.db.read(
            "SELECT (SELECT count(*) FROM faq WHERE name = ?), (SELECT count(*) FROM faq_key"
            " WHERE key IN (?, ?)), (SELECT count(*) FROM faq_revision r JOIN faq f"
            " ON f.id = r.faq_id WHERE f.name = ?)",
            (f"c{step}", f"c{step}", f"ca{step}", f"c{step}"),
        )
        assert tuple(rows[0]) in ((0, 0, 0), (1, 2, 1))
