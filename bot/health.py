"""`python -m bot health`: can the bot's database and sandbox do their work?

For container healthchecks: it prints one line and exits 0 when both answer,
1 (naming what failed) when one does not. It reads the same settings as the
bot and opens the database read-only, so it never creates or migrates it.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from bot.config import Settings
from bot.sandbox import health as sandbox_health

DB_TIMEOUT = 5.0  # seconds SQLite may wait for a lock the bot holds


def database(path: Path) -> tuple[bool, str]:
    """Is the database there, with its schema, and undamaged?"""
    if not path.exists():
        return False, f"database not created yet at {path}"
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        with sqlite3.connect(uri, uri=True, timeout=DB_TIMEOUT) as conn:
            (check,) = conn.execute("PRAGMA quick_check").fetchone()
            tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'faq'")
            has_schema = tables.fetchone()[0] == 1
    except sqlite3.Error as exc:
        return False, f"database unavailable ({type(exc).__name__}: {exc})"
    if check != "ok":
        return False, f"database damaged ({check})"
    if not has_schema:
        return False, "database has no schema yet"
    return True, "database ok"


async def sandbox(settings: Settings) -> tuple[bool, str]:
    sockets = settings.sandbox_socket
    if not sockets:
        # The bot's own workers live in its process; only it can see them (`!about`).
        return True, "sandbox in the bot's process (see !about)"
    checks = await asyncio.gather(*(sandbox_health.check(path) for path in sockets))
    if len(checks) == 1:
        healthy, phrase = checks[0]
        return healthy, f"sandbox {phrase}"
    # Runs go to the endpoints that answer: one is enough to serve them.
    failing = [
        f"{path}: {phrase}" for path, (ok, phrase) in zip(sockets, checks, strict=True) if not ok
    ]
    answering = len(checks) - len(failing)
    text = f"sandbox endpoints {answering} of {len(checks)} ok"
    return answering > 0, text + (f" ({'; '.join(failing)})" if failing else "")


async def report(settings: Settings) -> tuple[bool, str]:
    """(healthy, one line) for the database and the sandbox together."""
    (db_ok, db_text), (sb_ok, sb_text) = await asyncio.gather(
        asyncio.to_thread(database, settings.db_path), sandbox(settings)
    )
    healthy = db_ok and sb_ok
    line = f"{'healthy' if healthy else 'unhealthy'}: {db_text}; {sb_text}"
    if not settings.token:
        line += "; no DISCORD_TOKEN, so not connected to Discord"
    return healthy, line


def main(settings: Settings) -> int:
    healthy, line = asyncio.run(report(settings))
    print(line)
    return 0 if healthy else 1
