import argparse
import asyncio
import sqlite3

import pytest

from bot.faq import FaqStore, cli, migrations


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="bot")
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.fixture
def db_env(tmp_path, monkeypatch):
    path = tmp_path / "nested" / "dir" / "bot.db"
    monkeypatch.setenv("AWAITBOT_DB_PATH", str(path))
    return path


def test_migrate_creates_the_parent_dir_and_is_idempotent(db_env, capsys):
    assert run("db", "migrate") == 0
    versions = [m.version for m in migrations.discover()]
    assert f"applied {len(versions)} migration(s): {versions}" in capsys.readouterr().out
    assert run("db", "migrate") == 0
    assert "schema is current" in capsys.readouterr().out


def test_status_lists_applied_and_pending(db_env, capsys):
    assert run("db", "status") == 0
    out = capsys.readouterr().out
    assert "schema version: 0" in out and "pending  001_faq" in out
    run("db", "migrate")
    run("db", "status")
    assert "applied  001_faq" in capsys.readouterr().out


def test_default_path_is_var_awaitbot_db_relative_to_cwd(tmp_path, monkeypatch):
    monkeypatch.delenv("AWAITBOT_DB_PATH", raising=False)
    monkeypatch.chdir(tmp_path)
    assert run("db", "migrate") == 0
    assert (tmp_path / "var" / "awaitbot.db").exists()


def test_backup_while_the_bot_writes_gives_a_consistent_copy(db_env, tmp_path, capsys):
    target = tmp_path / "backup.db"

    async def scenario() -> None:
        async with FaqStore(db_env, seed_dir=None) as store:
            for i in range(50):
                await store.add(1, f"before-{i}", "x", 1)

            async def keep_writing() -> None:
                for i in range(100):
                    await store.add(1, f"during-{i}", "x", 1)

            writing = asyncio.create_task(keep_writing())
            await asyncio.to_thread(run, "db", "backup", str(target))
            await writing

    asyncio.run(scenario())
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = {n for (n,) in conn.execute("SELECT name FROM faq")}
        assert {f"before-{i}" for i in range(50)} <= names
        keys = {k for (k,) in conn.execute("SELECT key FROM faq_key")}
        assert names == keys  # every entry copied together with its key
    finally:
        conn.close()
    assert "backed up" in capsys.readouterr().out


def test_backup_refuses_to_overwrite_or_copy_nothing(db_env, tmp_path, capsys):
    assert run("db", "backup", str(tmp_path / "b.db")) == 1
    run("db", "migrate")
    (tmp_path / "b.db").write_text("keep me")
    assert run("db", "backup", str(tmp_path / "b.db")) == 1
    assert (tmp_path / "b.db").read_text() == "keep me"
    assert "not overwriting" in capsys.readouterr().err


def test_a_db_path_set_by_the_caller_wins_over_the_environment(db_env, tmp_path):
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["db", "migrate"])
    args.db_path = tmp_path / "from-settings.db"
    assert args.func(args) == 0
    assert args.db_path.exists() and not db_env.exists()
