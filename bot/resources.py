"""The long-lived resources the bot needs, opened once under asyncio.run."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import aiosqlite

from bot.config import Settings

log = logging.getLogger(__name__)


@dataclass
class Resources:
    db: aiosqlite.Connection
    db_path: Path

    async def health(self) -> dict[str, str]:
        """One word or short phrase per resource, for `!about`."""
        try:
            async with self.db.execute("PRAGMA quick_check") as cursor:
                row = await cursor.fetchone()
            db = "ok" if row and row[0] == "ok" else f"damaged ({row[0] if row else '?'})"
        except Exception as exc:  # health must report, never raise
            db = f"unavailable ({type(exc).__name__})"
        return {"database": db}


@asynccontextmanager
async def open_resources(settings: Settings) -> AsyncIterator[Resources]:
    path = settings.db_path
    path.parent.mkdir(parents=True, exist_ok=True)
    log.info("opening database %s", path)
    async with aiosqlite.connect(path) as db:
        await db.execute("PRAGMA journal_mode=WAL")
        await db.execute("PRAGMA foreign_keys=ON")
        yield Resources(db=db, db_path=path)
    log.info("database closed")
