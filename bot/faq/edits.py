"""Moderator operations. Each is one write transaction that also appends a
revision (a full snapshot of the entry) to the history.

Entries have a stable id, so a rename keeps history and lookup counts.
A guild's entry named like a default overrides it; "removing" a default in
a guild hides it there (faq_hidden) and leaves the default alone.
"""

from __future__ import annotations

import logging
import sqlite3
import time

from bot.errors import InvalidInput, NotFound
from bot.faq import seed, sql, writes
from bot.faq import validate as v
from bot.faq.models import GLOBAL, Entry, EntryData

log = logging.getLogger(__name__)

_OWN = f"""
SELECT {sql.ENTRY}, k.kind AS match_kind FROM faq_key k JOIN faq f ON f.id = k.faq_id
WHERE k.guild_id = :g AND k.key = :key AND k.live = :live
ORDER BY f.deleted_at DESC LIMIT 1
"""
_HIDDEN = f"""
SELECT {sql.ENTRY} FROM faq_hidden h JOIN faq f ON f.id = h.faq_id
JOIN faq_key k ON k.faq_id = f.id AND k.live = 1
WHERE h.guild_id = :g AND k.key = :key AND f.deleted_at IS NULL LIMIT 1
"""


class Edits:
    """Mixed into FaqStore; needs self.db and self._changed()."""

    async def _visible(self, conn, g: int, name: str) -> Entry:
        key = v.normalise_query(name)[:80]
        row = await sql.fetch_one(conn, sql.BY_KEY, {"g": g, "key": key})
        if row is None:
            raise NotFound(f"There is no FAQ called `{key[:64]}`.")
        return sql.entry(row)

    async def _own(self, conn, g: int, name: str, action: str) -> Entry:
        entry = await self._visible(conn, g, name)
        if entry.guild_id != g:
            raise InvalidInput(
                f"`{entry.name}` is a default FAQ; you cannot {action} it. Edit it to make"
                " this server's own copy, or remove it to hide it here."
            )
        return entry

    async def add(
        self, guild_id: int, name: str, content: str, actor_id: int, *,
        title: str = "", aliases: tuple[str, ...] | list[str] = (), reason: str | None = None,
    ) -> Entry:  # fmt: skip
        g = v.check_id(guild_id, "server id")
        data = seed.checked(EntryData(name, content, title, tuple(aliases)))
        async with self.db.write() as conn:
            entry = await writes.create(conn, g, data, actor_id, v.check_reason(reason))
        self._changed()
        return entry

    async def edit(
        self, guild_id: int, name: str, content: str, actor_id: int, *,
        title: str | None = None, reason: str | None = None,
    ) -> Entry:  # fmt: skip
        g = v.check_id(guild_id, "server id")
        content, reason = v.check_content(content), v.check_reason(reason)
        async with self.db.write() as conn:
            entry = await self._visible(conn, g, name)
            new_title = entry.title if title is None else v.check_title(title)
            if entry.guild_id == g:
                entry = await writes.update(
                    conn, entry, g, "edit", actor_id, reason, content=content, title=new_title
                )
            else:  # editing a default makes the guild's own copy, which then wins
                aliases = []
                for alias in entry.aliases:
                    if await sql.fetch_one(conn, _OWN, {"g": g, "key": alias, "live": 1}) is None:
                        aliases.append(alias)
                data = EntryData(entry.name, content, new_title, tuple(aliases))
                note = "own copy of the default" + (f": {reason}" if reason else "")
                entry = await writes.create(conn, g, data, actor_id, note)
        self._changed()
        return entry

    async def rename(
        self, guild_id: int, name: str, new_name: str, actor_id: int, reason: str | None = None
    ) -> Entry:
        g = v.check_id(guild_id, "server id")
        new = v.check_key(new_name)
        async with self.db.write() as conn:
            entry = await self._own(conn, g, name, "rename")
            entry = await writes.update(
                conn, entry, g, "rename", actor_id, v.check_reason(reason), name=new
            )
        self._changed()
        return entry

    async def alias_add(
        self, guild_id: int, name: str, alias: str, actor_id: int, reason: str | None = None
    ) -> Entry:
        return await self._alias(guild_id, name, alias, actor_id, reason, add=True)

    async def alias_remove(
        self, guild_id: int, name: str, alias: str, actor_id: int, reason: str | None = None
    ) -> Entry:
        return await self._alias(guild_id, name, alias, actor_id, reason, add=False)

    async def _alias(self, guild_id, name, alias, actor_id, reason, *, add: bool) -> Entry:
        g = v.check_id(guild_id, "server id")
        key = v.check_key(alias, "alias")
        async with self.db.write() as conn:
            entry = await self._own(conn, g, name, "change the aliases of")
            if add:
                if key == entry.name or key in entry.aliases:
                    raise InvalidInput(f"`{key}` already leads to `{entry.name}`.")
                aliases = v.check_aliases([*entry.aliases, key], entry.name)
            else:
                if key not in entry.aliases:
                    raise NotFound(f"`{entry.name}` has no alias `{key}`.")
                aliases = tuple(a for a in entry.aliases if a != key)
            entry = await writes.update(
                conn, entry, g, "alias", actor_id, v.check_reason(reason), aliases=aliases
            )
        self._changed()
        return entry

    async def remove(
        self, guild_id: int, name: str, actor_id: int, reason: str | None = None
    ) -> Entry:
        """Soft-delete the guild's entry, or hide a default in this guild."""
        g = v.check_id(guild_id, "server id")
        reason = v.check_reason(reason)
        async with self.db.write() as conn:
            entry = await self._visible(conn, g, name)
            if entry.guild_id == g:
                entry = await writes.set_deleted(conn, entry, g, True, actor_id, reason)
            else:
                await conn.execute(
                    "INSERT INTO faq_hidden (guild_id, faq_id, hidden_by, hidden_at)"
                    " VALUES (?, ?, ?, ?)",
                    (g, entry.id, actor_id, time.time()),
                )
                await conn.execute(
                    "UPDATE faq SET revision = revision + 1 WHERE id = ?", (entry.id,)
                )
                entry = await writes.snapshot(conn, entry.id, g, "delete", actor_id, reason)
        self._changed()
        return entry

    async def restore(
        self, guild_id: int, name: str, actor_id: int, reason: str | None = None
    ) -> Entry:
        """Bring back a removed entry (the newest one with that name or alias)."""
        g = v.check_id(guild_id, "server id")
        key, reason = v.normalise_query(name)[:80], v.check_reason(reason)
        async with self.db.write() as conn:
            row = await sql.fetch_one(conn, _OWN, {"g": g, "key": key, "live": 0})
            if row is not None and row["deleted_at"] is not None:
                entry = sql.entry(row)
                for k in (entry.name, *entry.aliases):
                    await writes.taken(conn, g, k, entry.id)
                entry = await writes.set_deleted(conn, entry, g, False, actor_id, reason)
            elif (row := await sql.fetch_one(conn, _HIDDEN, {"g": g, "key": key})) is not None:
                entry = sql.entry(row)
                await conn.execute(
                    "DELETE FROM faq_hidden WHERE guild_id = ? AND faq_id = ?", (g, entry.id)
                )
                await conn.execute(
                    "UPDATE faq SET revision = revision + 1 WHERE id = ?", (entry.id,)
                )
                entry = await writes.snapshot(conn, entry.id, g, "restore", actor_id, reason)
            else:
                raise NotFound(f"There is no removed FAQ called `{key[:64]}`.")
        self._changed()
        return entry

    async def revert(
        self, guild_id: int, name: str, revision: int, actor_id: int, reason: str | None = None
    ) -> Entry:
        """Bring back the title and content an entry had at that revision."""
        g = v.check_id(guild_id, "server id")
        reason = v.check_reason(reason) or f"revert to revision {revision}"
        async with self.db.write() as conn:
            entry = await self._own(conn, g, name, "revert")
            row = await sql.fetch_one(
                conn,
                "SELECT title, content FROM faq_revision WHERE faq_id = :id AND revision = :r"
                " ORDER BY id DESC LIMIT 1",
                {"id": entry.id, "r": v.check_id(revision, "revision number")},
            )
            if row is None:
                raise NotFound(f"`{entry.name}` has no revision {revision}.")
            entry = await writes.update(
                conn,
                entry,
                g,
                "revert",
                actor_id,
                reason,
                title=row["title"],
                content=row["content"],
            )
        self._changed()
        return entry

    async def sync_defaults(self, entries: list[EntryData]) -> int:
        """Make the defaults (guild 0) match the seed files; returns changes made."""
        changes = 0
        async with self.db.write() as conn:
            wanted = {e.name for e in entries}
            for data in entries:
                await conn.execute("SAVEPOINT seed")
                try:
                    changes += await self._sync_one(conn, data)
                    await conn.execute("RELEASE seed")
                except (InvalidInput, sqlite3.IntegrityError) as exc:
                    await conn.execute("ROLLBACK TO seed")
                    await conn.execute("RELEASE seed")
                    log.warning("FAQ default %s not loaded: %s", data.name, exc)
            rows = await conn.execute_fetchall(
                f"SELECT {sql.ENTRY} FROM faq f WHERE guild_id = 0 AND deleted_at IS NULL"
            )
            for row in rows:
                if row["name"] not in wanted:
                    await writes.set_deleted(
                        conn, sql.entry(row), GLOBAL, True, 0, "removed from data/faq"
                    )
                    changes += 1
        self._changed()
        return changes

    async def _sync_one(self, conn, data: EntryData) -> int:
        changed = await self._sync_entry(conn, data)
        row = await sql.fetch_one(
            conn, "SELECT id FROM faq WHERE guild_id = 0 AND name = :name AND deleted_at IS NULL",
            {"name": data.name},
        )  # fmt: skip
        if row is not None and await writes.set_questions(conn, row["id"], data.questions):
            changed = 1
        return changed

    async def _sync_entry(self, conn, data: EntryData) -> int:
        row = await sql.fetch_one(
            conn,
            f"SELECT {sql.ENTRY} FROM faq f WHERE guild_id = 0 AND name = :name"
            " ORDER BY deleted_at IS NOT NULL, deleted_at DESC LIMIT 1",
            {"name": data.name},
        )
        if row is None:
            await writes.create(conn, GLOBAL, data, 0, "default from data/faq")
            return 1
        entry = sql.entry(row)
        if entry.deleted:
            entry = await writes.set_deleted(conn, entry, GLOBAL, False, 0, "back in data/faq")
        if entry.data() == EntryData(
            data.name, data.content, data.title, tuple(sorted(data.aliases))
        ):
            return int(row["deleted_at"] is not None)
        await writes.update(
            conn, entry, GLOBAL, "edit", 0, "updated in data/faq",
            title=data.title, content=data.content, aliases=tuple(sorted(data.aliases)),
        )  # fmt: skip
        return 1
