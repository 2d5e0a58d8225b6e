"""The lookup log: recording a lookup never makes a reply wait.

`log_lookup` only appends to a list in memory. A background task writes
what has piled up in batches, every `interval` seconds or sooner when a
batch fills, through the store's single writer. `close()` stops the task
and writes everything still pending, so a clean shutdown loses nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sqlite3

from bot.errors import Unavailable
from bot.faq.db import Database
from bot.faq.models import LookupRecord
from bot.faq.validate import check_id, storable

log = logging.getLogger(__name__)

FLUSH_INTERVAL = 2.0
BATCH_SIZE = 2000
MAX_PENDING = 200_000  # beyond this the database is failing; drop, don't eat memory
MAX_LOGGED_QUERY = 2000

_INSERT = """
INSERT INTO lookup_log (at, guild_id, channel_id, user_id, command, query_raw, query_norm,
                        kind, faq_id, matched, score, suggestions, elapsed_ms)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


def _id(value: object) -> int:
    return check_id(int(value), "id")


def _row(r: LookupRecord) -> tuple:
    # Checked and converted now, so a bad record fails its caller at once
    # instead of poisoning a whole batch at flush time.
    return (
        float(r.at),
        _id(r.guild_id),
        _id(r.channel_id),
        _id(r.user_id),
        storable(r.command, 16),
        storable(r.query_raw, MAX_LOGGED_QUERY),
        storable(r.query_norm, MAX_LOGGED_QUERY),
        storable(r.kind, 16),
        None if r.faq_id is None else _id(r.faq_id),
        None if r.matched is None else storable(r.matched, 200),
        None if r.score is None else float(r.score),
        json.dumps([storable(s, 200) for s in r.suggestions]),
        float(r.elapsed_ms),
    )


class LookupLog:
    def __init__(
        self, db: Database, *, interval: float = FLUSH_INTERVAL, batch_size: int = BATCH_SIZE
    ) -> None:
        self._db = db
        self._interval = interval
        self._batch_size = batch_size
        self._pending: list[tuple] = []
        self._wake = asyncio.Event()
        self._flush_lock = asyncio.Lock()
        self._task: asyncio.Task | None = None
        self._closing = False
        self.written = 0
        self.dropped = 0

    @property
    def pending(self) -> int:
        return len(self._pending)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="faq-lookup-log")

    def log_lookup(self, record: LookupRecord) -> None:
        """Queue one record. Synchronous and cheap: no I/O happens here."""
        if self._closing or len(self._pending) >= MAX_PENDING:
            self.dropped += 1
            if self.dropped in (1, 1000) or self.dropped % 100_000 == 0:
                log.warning("lookup log dropped %d records (closed or backed up)", self.dropped)
            return
        self._pending.append(_row(record))
        if len(self._pending) >= self._batch_size:
            self._wake.set()

    async def flush(self) -> None:
        """Write everything pending now, in batches of batch_size."""
        async with self._flush_lock:
            while self._pending:
                batch = self._pending[: self._batch_size]
                del self._pending[: len(batch)]
                try:
                    async with self._db.write() as conn:
                        await conn.executemany(_INSERT, batch)
                except (sqlite3.OperationalError, Unavailable, asyncio.CancelledError):
                    self._pending[:0] = batch  # busy, disk full, closed: keep for a retry
                    raise
                except Exception:
                    # Rows are checked when queued, so this is a bug; retrying
                    # the same batch forever would stop all logging.
                    log.exception("dropping %d lookup log rows that cannot be written", len(batch))
                    self.dropped += len(batch)
                    continue
                self.written += len(batch)

    async def _run(self) -> None:
        while not self._closing:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._interval)
            self._wake.clear()
            try:
                await self.flush()
            except Exception:
                log.exception("writing the lookup log failed; will retry")

    async def close(self) -> None:
        """Stop the background task and write whatever is still pending."""
        self._closing = True
        self._wake.set()
        if self._task is not None:
            with contextlib.suppress(Exception):
                await self._task
            self._task = None
        await self.flush()
