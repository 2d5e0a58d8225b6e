"""FaqStore: the one object a cog talks to. This module holds the reads."""

from __future__ import annotations

import asyncio
import math
import time
from pathlib import Path

from bot.errors import InvalidInput, NotFound
from bot.faq import query as q
from bot.faq import seed, sql
from bot.faq import validate as v
from bot.faq.db import Database
from bot.faq.edits import Edits
from bot.faq.lookuplog import LookupLog
from bot.faq.models import Entry, Info, LookupRecord, LookupResult, Page, Revision, Summary, Who
from bot.faq.reports import Reports

MAX_PER_PAGE = 25
MAX_SEARCH = 25
_KEY_CACHE_GUILDS = 1000


class FaqStore(Edits, Reports):
    """FAQs per guild over one SQLite file. Use `async with FaqStore(path)`."""

    def __init__(self, path: Path | str, *, seed_dir: Path | None = seed.SEED_DIR) -> None:
        self.db = Database(path)
        self.log = LookupLog(self.db)
        self._seed_dir = seed_dir
        self._keys: dict[int, list[str]] = {}
        self.generation = 0  # bumped on every change: caches of what the store holds

    async def open(self) -> FaqStore:
        await self.db.open()
        try:
            if self._seed_dir is not None:
                await self.sync_defaults(seed.load_dir(self._seed_dir))
            self.log.start()
        except BaseException:
            await self.db.close()
            raise
        return self

    async def close(self) -> None:
        try:
            await self.log.close()
        finally:
            await self.db.close()

    async def __aenter__(self) -> FaqStore:
        return await self.open()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def _changed(self) -> None:
        self._keys.clear()  # names or aliases may have moved
        self.generation += 1

    # -- lookups ---------------------------------------------------------

    async def get(self, guild_id: int, name: str) -> Entry:
        """The entry a guild sees under this name or alias, or NotFound."""
        g = v.check_id(guild_id, "server id")
        row = await self.db.read_one(sql.BY_KEY, {"g": g, "key": v.normalise_query(name)[:80]})
        if row is None:
            raise NotFound(f"There is no FAQ called `{v.normalise_query(name)[:64]}`.")
        return sql.entry(row)

    async def lookup(
        self, guild_id: int, query: str, who: Who, command: str = "faq"
    ) -> LookupResult:
        """Find the answer for `!faq <query>` and log the lookup."""
        start = time.perf_counter()
        g = v.check_id(guild_id, "server id")
        norm = v.check_query(query)
        result = await self._match(g, norm)
        elapsed = (time.perf_counter() - start) * 1000
        entry = result.entry
        self.log.log_lookup(
            LookupRecord(
                guild_id=g,
                channel_id=who.channel_id,
                user_id=who.user_id,
                command=command,
                query_raw=query,
                query_norm=norm,
                kind=result.kind,
                faq_id=entry.id if entry else None,
                matched=entry.name if entry else None,
                score=result.score,
                suggestions=result.suggestions,
                elapsed_ms=elapsed,
            )
        )
        return LookupResult(
            result.kind, norm, entry, result.score, result.suggestions, round(elapsed, 3)
        )

    async def _match(self, g: int, norm: str) -> LookupResult:
        # 1. exact name or alias
        found = await self.by_key(g, norm)
        if found is not None:
            return found
        # 2. every word found by full-text search (last word may be a prefix)
        words = q.terms(norm, drop_stopwords=True)
        rows = await self._fts(g, words, every=True, limit=1)
        if rows:
            return LookupResult("search", norm, sql.entry(rows[0]), rows[0]["score"])
        # 3. a name within a typo or two
        close = await self.close_keys(g, norm)
        found = await self.by_typo(g, norm, close)
        if found is not None:
            return found
        # 4. a miss: suggest what any of the words finds, then look-alike names
        return LookupResult("miss", norm, suggestions=await self._suggest(g, words, close))

    async def by_key(self, g: int, norm: str) -> LookupResult | None:
        """The entry with this exact name or alias (kind `exact` or `alias`)."""
        row = await self.db.read_one(sql.BY_KEY, {"g": g, "key": norm})
        if row is None:
            return None
        kind = "exact" if row["match_kind"] == "name" else "alias"
        return LookupResult(kind, norm, sql.entry(row), 1.0)

    async def close_keys(self, g: int, norm: str) -> list[tuple[float, str]]:
        """Names and aliases that look like `norm`, best first. difflib runs in a
        thread: thousands of keys would otherwise hold up the event loop."""
        return await asyncio.to_thread(q.closest, norm, await self._visible_keys(g))

    async def by_typo(self, g: int, norm: str, close: list) -> LookupResult | None:
        """The entry whose name is within a typo or two (kind `fuzzy`)."""
        if close and close[0][0] >= q.FUZZY_CUTOFF:
            row = await self.db.read_one(sql.BY_KEY, {"g": g, "key": close[0][1]})
            if row is not None:
                return LookupResult("fuzzy", norm, sql.entry(row), round(close[0][0], 3))
        return None

    async def _suggest(self, g: int, words: list[str], close: list) -> tuple[str, ...]:
        names = [r["name"] for r in await self._fts(g, words, every=False, limit=3)]
        for _, key in close:
            if len(names) == 3:
                break
            row = await self.db.read_one(sql.BY_KEY, {"g": g, "key": key})
            if row is not None and row["name"] not in names:
                names.append(row["name"])
        return tuple(names)

    async def _fts(self, g: int, words: list[str], *, every: bool, limit: int) -> list:
        """Ranked full-text hits: name/alias/title matches first, then body-only ones.

        Searching the short head columns first keeps a common word cheap:
        bm25 then ranks a few rows instead of every FAQ that mentions it.
        """
        rows: list = []
        for heads_only in (True, False):
            match = q.fts_match(words, every=every, prefix_last=True, heads_only=heads_only)
            if match is None:
                return []
            seen = {r["id"] for r in rows}
            more = await self.db.read(sql.SEARCH, {"g": g, "match": match, "limit": limit})
            rows += [r for r in more if r["id"] not in seen][: limit - len(rows)]
            if len(rows) >= limit:
                break
        return rows

    async def _visible_keys(self, g: int) -> list[str]:
        keys = self._keys.get(g)
        if keys is None:
            rows = await self.db.read(sql.VISIBLE_KEYS, {"g": g})
            keys = [r["key"] for r in rows]
            if len(self._keys) >= _KEY_CACHE_GUILDS:
                self._keys.clear()
            self._keys[g] = keys
        return keys

    async def search(self, guild_id: int, words: str, limit: int = 10) -> list[Summary]:
        """Entries matching the words, best first: all words if any, else any word."""
        g = v.check_id(guild_id, "server id")
        if len(words) > v.MAX_QUERY:
            raise InvalidInput(f"That search is too long: at most {v.MAX_QUERY} characters.")
        terms = q.terms(words, drop_stopwords=True)
        limit = max(1, min(int(limit), MAX_SEARCH))
        for every in (True, False):
            rows = await self._fts(g, terms, every=every, limit=limit)
            if rows:
                return [
                    Summary(r["name"], r["title"], r["guild_id"] == 0, round(r["score"], 3))
                    for r in rows
                ]
        return []

    # -- browsing ----------------------------------------------------------

    async def list_page(self, guild_id: int, page: int = 1, per_page: int = 10) -> Page:
        g = v.check_id(guild_id, "server id")
        per_page = max(1, min(int(per_page), MAX_PER_PAGE))
        row = await self.db.read_one(
            f"SELECT count(*) AS n FROM faq f WHERE {sql.VISIBLE}", {"g": g}
        )
        total = row["n"] if row else 0
        pages = max(1, math.ceil(total / per_page))
        page = max(1, min(int(page), pages))
        rows = await self.db.read(
            f"SELECT f.name, f.title, f.guild_id FROM faq f WHERE {sql.VISIBLE}"
            " ORDER BY f.name LIMIT :n OFFSET :off",
            {"g": g, "n": per_page, "off": (page - 1) * per_page},
        )
        items = [Summary(r["name"], r["title"], r["guild_id"] == 0) for r in rows]
        return Page(items, page, pages, total)

    async def info(self, guild_id: int, name: str) -> Info:
        entry = await self.get(guild_id, name)
        await self.log.flush()
        row = await self.db.read_one(
            "SELECT count(*) AS n FROM lookup_log"
            " WHERE faq_id = :id AND guild_id = :g AND kind != 'miss'",
            {"id": entry.id, "g": guild_id},
        )
        return Info(
            entry, row["n"] if row else 0, entry.author_id, entry.updated_by, entry.updated_at
        )

    async def history(self, guild_id: int, name: str) -> list[Revision]:
        """Every change to the entry this guild sees, oldest first."""
        entry = await self._for_history(guild_id, name)
        rows = await self.db.read(
            "SELECT * FROM faq_revision WHERE faq_id = :id AND guild_id IN (:g, 0)"
            " ORDER BY revision, id",
            {"id": entry.id, "g": guild_id},
        )
        return [sql.revision(r) for r in rows]

    async def _for_history(self, guild_id: int, name: str) -> Entry:
        # Deleted entries keep their history; fall back to the newest deleted one.
        try:
            return await self.get(guild_id, name)
        except NotFound:
            row = await self.db.read_one(
                f"SELECT {sql.ENTRY} FROM faq_key k JOIN faq f ON f.id = k.faq_id"
                " WHERE k.guild_id = :g AND k.key = :key ORDER BY f.deleted_at DESC LIMIT 1",
                {"g": v.check_id(guild_id, "server id"), "key": v.normalise_query(name)[:80]},
            )
            if row is None:
                raise
            return sql.entry(row)
