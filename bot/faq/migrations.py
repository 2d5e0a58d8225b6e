"""Ordered schema migrations from data/migrations/NNN_name.sql.

Each file runs in its own transaction together with the row that records it
in schema_version, so a migration is applied entirely or not at all. The
version is checked again after taking the write lock, so two processes
opening the same file at once do not apply a migration twice.
"""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import aiosqlite

from bot import DATA_DIR

MIGRATIONS_DIR = DATA_DIR / "migrations"
_FILE = re.compile(r"(\d{3})_([a-z0-9_]+)\.sql")

_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at REAL NOT NULL
)"""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    path: Path

    def statements(self) -> list[str]:
        # Split on complete statements; trigger bodies contain ';' too.
        out, buf = [], ""
        for line in self.path.read_text(encoding="utf-8").splitlines(keepends=True):
            buf += line
            if sqlite3.complete_statement(buf):
                if buf.strip():
                    out.append(buf.strip())
                buf = ""
        if _strip_comments(buf):
            raise ValueError(f"{self.path.name}: incomplete statement at the end")
        return out


@dataclass(frozen=True, slots=True)
class Status:
    applied: list[tuple[int, str, float]]
    pending: list[Migration]

    @property
    def current(self) -> int:
        return max((v for v, _, _ in self.applied), default=0)


def _strip_comments(sql: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines()).strip()


def discover(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    found = []
    for path in sorted(directory.glob("*.sql")):
        m = _FILE.fullmatch(path.name)
        if not m:
            raise ValueError(f"migration file {path.name} is not named NNN_name.sql")
        found.append(Migration(int(m[1]), m[2], path))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise ValueError("two migration files share a version number")
    return found


async def _applied(conn: aiosqlite.Connection) -> list[tuple[int, str, float]]:
    rows = await conn.execute_fetchall(
        "SELECT version, name, applied_at FROM schema_version ORDER BY version"
    )
    return [tuple(r) for r in rows]


async def status(conn: aiosqlite.Connection, directory: Path = MIGRATIONS_DIR) -> Status:
    exists = await conn.execute_fetchall(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    )
    applied = await _applied(conn) if exists else []
    done = {v for v, _, _ in applied}
    return Status(applied, [m for m in discover(directory) if m.version not in done])


async def migrate(conn: aiosqlite.Connection, directory: Path = MIGRATIONS_DIR) -> list[int]:
    """Apply pending migrations on a connection in autocommit mode."""
    await conn.execute(_VERSION_TABLE)
    ran = []
    for migration in discover(directory):
        await conn.execute("BEGIN IMMEDIATE")
        try:
            rows = await conn.execute_fetchall(
                "SELECT 1 FROM schema_version WHERE version = ?", (migration.version,)
            )
            if not rows:
                for statement in migration.statements():
                    await conn.execute(statement)
                await conn.execute(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, time.time()),
                )
                ran.append(migration.version)
            await conn.execute("COMMIT")
        except BaseException:
            await conn.execute("ROLLBACK")
            raise
    return ran
