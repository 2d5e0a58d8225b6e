"""`python -m bot db migrate | status | backup PATH`.

bot/__main__.py calls `register(subparsers)` and then `args.func(args)`,
which returns the exit code. Handlers are plain functions that run their own
event loop. The database is `args.db_path` if the caller set it (e.g. from
the settings object), else $AWAITBOT_DB_PATH, else var/awaitbot.db.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from pathlib import Path

from bot.faq import migrations
from bot.faq.db import Database, backup, connect, db_path_from_env


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    db = subparsers.add_parser("db", help="database maintenance (AWAITBOT_DB_PATH)")
    sub = db.add_subparsers(dest="db_command", required=True)
    sub.add_parser("migrate", help="apply pending schema migrations").set_defaults(func=migrate)
    sub.add_parser("status", help="show applied and pending migrations").set_defaults(func=status)
    backup = sub.add_parser("backup", help="copy the database safely while the bot runs")
    backup.add_argument("path", type=Path, help="where to write the copy")
    backup.set_defaults(func=backup_cmd)
    return db


def _path(args: argparse.Namespace) -> Path:
    return Path(getattr(args, "db_path", None) or db_path_from_env())


def migrate(args: argparse.Namespace) -> int:
    async def run() -> list[int]:
        db = Database(_path(args))
        await db.open(migrate=False)
        try:
            return await migrations.migrate(db.writer)
        finally:
            await db.close()

    ran = asyncio.run(run())
    print(f"applied {len(ran)} migration(s)" + (f": {ran}" if ran else "; schema is current"))
    return 0


def status(args: argparse.Namespace) -> int:
    async def run() -> migrations.Status:
        conn = await connect(_path(args))
        try:
            return await migrations.status(conn)
        finally:
            await conn.close()

    st = asyncio.run(run())
    print(f"database: {_path(args)}  schema version: {st.current}")
    for version, name, at in st.applied:
        when = dt.datetime.fromtimestamp(at, dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        print(f"  applied  {version:03d}_{name}  {when}")
    for m in st.pending:
        print(f"  pending  {m.version:03d}_{m.name}")
    return 0


def backup_cmd(args: argparse.Namespace) -> int:
    source = _path(args)
    if not source.exists():
        print(f"no database at {source}", file=sys.stderr)
        return 1
    if args.path.exists():
        print(f"{args.path} exists; not overwriting it", file=sys.stderr)
        return 1

    async def run() -> None:
        conn = await connect(source)
        try:
            await backup(conn, args.path)
        finally:
            await conn.close()

    asyncio.run(run())
    print(f"backed up {source} to {args.path}")
    return 0
