"""Connections: one writer (all writes queue on a lock) and one reader.

SQLite allows one writer at a time anyway; queuing writes on an asyncio lock
in this process means no write ever waits on SQLite's busy handler, so
"database is locked" cannot come from our own writers. busy_timeout still
covers other processes (a backup, the CLI) touching the same file. WAL lets
the reader run while a write is in progress.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import aiosqlite

from bot.errors import Unavailable
from bot.faq import migrations

DEFAULT_DB_PATH = "var/awaitbot.db"
BUSY_TIMEOUT_MS = 5000
MMAP_BYTES = 256 * 1024 * 1024
CACHE_KIB = 32 * 1024


def db_path_from_env() -> Path:
    return Path(os.environ.get("AWAITBOT_DB_PATH") or DEFAULT_DB_PATH)


async def connect(path: Path | str) -> aiosqlite.Connection:
    """Open a connection in autocommit mode with the pragmas we rely on."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = await aiosqlite.connect(str(path), isolation_level=None)
    except sqlite3.Error as exc:
        raise Unavailable("The FAQ database cannot be opened right now.") from exc
    conn.row_factory = sqlite3.Row
    await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    await conn.execute("PRAGMA foreign_keys = ON")
    # Searches touch many rows of faq and search_fts; reading them through a
    # memory map and a larger cache halves their cost on a big database.
    await conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    await conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    return conn


class Database:
    """The writer and reader connections for one database file."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.writer: aiosqlite.Connection | None = None
        self.reader: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()

    async def open(self, *, migrate: bool = True) -> Database:
        self.writer = await connect(self.path)
        try:
            # WAL is a property of the file; synchronous=NORMAL in WAL mode is
            # safe against a crashed or killed process (not against power loss).
            await self.writer.execute("PRAGMA journal_mode = WAL")
            await self.writer.execute("PRAGMA synchronous = NORMAL")
            if migrate:
                await migrations.migrate(self.writer)
            self.reader = await connect(self.path)
            await self.reader.execute("PRAGMA query_only = ON")
        except BaseException:
            await self.close()
            raise
        return self

    async def close(self) -> None:
        for conn in (self.reader, self.writer):
            if conn is not None:
                await conn.close()
        self.reader = self.writer = None

    async def __aenter__(self) -> Database:
        return await self.open()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @contextlib.asynccontextmanager
    async def write(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction on the writer, queued behind earlier ones."""
        if self.writer is None:
            raise Unavailable("The FAQ database is closed.")
        async with self._write_lock:
            conn = self.writer
            try:
                await conn.execute("BEGIN IMMEDIATE")
            except BaseException:
                # Cancelled while queued, the BEGIN still runs later in the
                # connection's thread; a ROLLBACK queued behind it undoes it.
                await asyncio.shield(_rollback_quietly(conn))
                raise
            try:
                yield conn
            except BaseException:
                # Shielded so a cancelled command still leaves no open transaction.
                await asyncio.shield(_end(conn, "ROLLBACK"))
                raise
            else:
                await asyncio.shield(_end(conn, "COMMIT"))

    async def read(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        if self.reader is None:
            raise Unavailable("The FAQ database is closed.")
        # fetchall so no statement stays open and pins an old snapshot.
        return list(await self.reader.execute_fetchall(sql, params))

    async def read_one(self, sql: str, params: tuple | dict = ()) -> sqlite3.Row | None:
        rows = await self.read(sql, params)
        return rows[0] if rows else None

    @contextlib.asynccontextmanager
    async def side_reader(self) -> AsyncIterator[aiosqlite.Connection]:
        """A short-lived read-only connection for slow reports, so that
        lookups on the shared reader never queue behind them."""
        if self.reader is None:
            raise Unavailable("The FAQ database is closed.")
        conn = await connect(self.path)
        try:
            await conn.execute("PRAGMA query_only = ON")
            yield conn
        finally:
            await conn.close()

    async def backup(self, target: Path | str) -> None:
        """Copy the database with SQLite's online backup API."""
        if self.reader is None:
            raise Unavailable("The FAQ database is closed.")
        await backup(self.reader, target)


async def _rollback_quietly(conn: aiosqlite.Connection) -> None:
    with contextlib.suppress(sqlite3.OperationalError):
        await conn.execute("ROLLBACK")


async def _end(conn: aiosqlite.Connection, sql: str) -> None:
    # SQLite may already have rolled back on its own (e.g. after SQLITE_FULL).
    if not conn.in_transaction:
        if sql == "COMMIT":  # rolled back under us: the change is lost, say so
            raise Unavailable("The change could not be saved; please try again.")
        return
    try:
        await conn.execute(sql)
    except sqlite3.Error:
        if conn.in_transaction:
            await conn.execute("ROLLBACK")
        raise


async def backup(source: aiosqlite.Connection, target: Path | str) -> None:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    dest = await aiosqlite.connect(str(target))
    try:
        # pages=-1: one step under one read snapshot, so the copy is consistent
        # even while the bot keeps writing through its own connection.
        await source.backup(dest, pages=-1)
    finally:
        await dest.close()
