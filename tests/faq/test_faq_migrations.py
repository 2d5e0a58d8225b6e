import sqlite3

import pytest

from bot.faq import migrations
from bot.faq.db import Database, connect


async def test_open_applies_every_migration_and_records_it(tmp_path):
    async with Database(tmp_path / "a.db") as db:
        st = await migrations.status(db.reader)
    assert st.pending == []
    assert [v for v, _, _ in st.applied] == [m.version for m in migrations.discover()]
    assert st.current >= 1


async def test_reopening_applies_nothing_twice(tmp_path):
    async with Database(tmp_path / "a.db"):
        pass
    async with Database(tmp_path / "a.db") as db:
        assert await migrations.migrate(db.writer) == []


async def test_pragmas_wal_foreign_keys_busy_timeout(tmp_path):
    async with Database(tmp_path / "a.db") as db:
        for conn in (db.writer, db.reader):
            assert (await conn.execute_fetchall("PRAGMA journal_mode"))[0][0] == "wal"
            assert (await conn.execute_fetchall("PRAGMA foreign_keys"))[0][0] == 1
            assert (await conn.execute_fetchall("PRAGMA busy_timeout"))[0][0] == 5000


async def test_a_failing_migration_is_rolled_back_whole(tmp_path):
    d = tmp_path / "mig"
    d.mkdir()
    (d / "001_ok.sql").write_text("CREATE TABLE a (x INTEGER);\n")
    (d / "002_bad.sql").write_text("CREATE TABLE b (x INTEGER);\nINSERT INTO nowhere VALUES (1);\n")
    conn = await connect(tmp_path / "m.db")
    try:
        with pytest.raises(sqlite3.OperationalError):
            await migrations.migrate(conn, d)
        tables = {r[0] for r in await conn.execute_fetchall("SELECT name FROM sqlite_master")}
        assert "a" in tables and "b" not in tables
        st = await migrations.status(conn, d)
        assert st.current == 1 and [m.name for m in st.pending] == ["bad"]
    finally:
        await conn.close()


async def test_trigger_bodies_are_kept_whole_when_splitting(tmp_path):
    stmts = migrations.discover()[0].statements()
    assert any(s.startswith("CREATE TRIGGER") and s.rstrip().endswith("END;") for s in stmts)


def test_badly_named_migration_files_are_refused(tmp_path):
    (tmp_path / "1_x.sql").write_text("")
    with pytest.raises(ValueError, match="NNN_name"):
        migrations.discover(tmp_path)


async def test_revisions_are_append_only(store):
    async with store.db.write() as conn:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            await conn.execute("UPDATE faq_revision SET content = 'x'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            await conn.execute("DELETE FROM faq_revision")
