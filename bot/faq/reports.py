"""What moderators read (stats, misses), moderator roles, import/export."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

from bot.errors import InvalidInput, NotFound
from bot.faq import query as q
from bot.faq import seed, sql, writes
from bot.faq import validate as v
from bot.faq.models import EntryData, ImportPlan, MissGroup, Stats

MAX_DAYS = 3650
TOP = 10
MAX_MISS_WORDINGS = 2000  # distinct wordings grouped per report


def _since(days: int) -> float:
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_DAYS:
        raise InvalidInput(f"Days must be between 1 and {MAX_DAYS}.")
    return time.time() - days * 86400


class Reports:
    """Mixed into FaqStore; needs self.db, self._changed() and Edits."""

    async def stats(self, guild_id: int, days: int = 30) -> Stats:
        params = {"g": v.check_id(guild_id, "server id"), "since": _since(days)}
        await self.log.flush()  # count lookups still waiting in memory too
        where = "guild_id = :g AND at >= :since"
        async with self.db.side_reader() as conn:
            rows = await conn.execute_fetchall(
                f"SELECT command, count(*) AS n, sum(kind != 'miss') AS hits FROM lookup_log"
                f" WHERE {where} GROUP BY command",
                params,
            )
            # Current names, so an entry renamed since is counted as one.
            # FAQs by id (a rename keeps their count), topics by slug.
            top_entries = await conn.execute_fetchall(
                "SELECT coalesce(f.name, 'topic:' || hit.topic) AS name, hit.n FROM ("
                "  SELECT faq_id, CASE WHEN faq_id IS NULL THEN matched END AS topic,"
                f"  count(*) AS n FROM lookup_log WHERE {where}"
                "  AND kind != 'miss' AND (faq_id IS NOT NULL OR matched IS NOT NULL)"
                "  GROUP BY faq_id, topic ORDER BY n DESC, faq_id LIMIT :top"
                ") AS hit LEFT JOIN faq f ON f.id = hit.faq_id ORDER BY hit.n DESC, name",
                {**params, "top": TOP},
            )
            top_queries = await conn.execute_fetchall(
                f"SELECT query_norm, count(*) AS n FROM lookup_log WHERE {where}"
                " GROUP BY query_norm ORDER BY n DESC, query_norm LIMIT :top",
                {**params, "top": TOP},
            )
        lookups = sum(r["n"] for r in rows)
        hits = sum(r["hits"] for r in rows)
        return Stats(
            days=days,
            lookups=lookups,
            hits=hits,
            hit_rate=hits / lookups if lookups else 0.0,
            by_command={r["command"]: r["n"] for r in rows},
            top_entries=[(r["name"], r["n"]) for r in top_entries],
            top_queries=[(r["query_norm"], r["n"]) for r in top_queries],
        )

    async def misses(self, guild_id: int, days: int = 30, limit: int = 20) -> list[MissGroup]:
        """Unanswered queries, grouped by similar wording, most frequent first."""
        await self.log.flush()
        async with self.db.side_reader() as conn:
            rows = await conn.execute_fetchall(
                "SELECT query_norm, count(*) AS n, max(at) AS last FROM lookup_log"
                " WHERE guild_id = :g AND at >= :since AND kind = 'miss'"
                " GROUP BY query_norm ORDER BY n DESC LIMIT :cap",
                {
                    "g": v.check_id(guild_id, "server id"),
                    "since": _since(days),
                    "cap": MAX_MISS_WORDINGS,
                },
            )
        data = [(r["query_norm"], r["n"], r["last"]) for r in rows]
        groups = await asyncio.to_thread(q.group_misses, data)
        return groups[: max(1, min(int(limit), 100))]

    # -- moderator roles -------------------------------------------------

    async def modrole_add(self, guild_id: int, role_id: int, actor_id: int) -> list[int]:
        g, r = v.check_id(guild_id, "server id"), v.check_id(role_id, "role id")
        async with self.db.write() as conn:
            await conn.execute(
                "INSERT OR IGNORE INTO faq_modrole (guild_id, role_id, added_by, added_at)"
                " VALUES (?, ?, ?, ?)",
                (g, r, actor_id, time.time()),
            )
        return await self.modrole_list(g)

    async def modrole_remove(self, guild_id: int, role_id: int, actor_id: int) -> list[int]:
        g, r = v.check_id(guild_id, "server id"), v.check_id(role_id, "role id")
        async with self.db.write() as conn:
            cur = await conn.execute(
                "DELETE FROM faq_modrole WHERE guild_id = ? AND role_id = ?", (g, r)
            )
            if cur.rowcount == 0:
                raise NotFound("That role is not a moderator role here.")
        return await self.modrole_list(g)

    async def modrole_list(self, guild_id: int) -> list[int]:
        rows = await self.db.read(
            "SELECT role_id FROM faq_modrole WHERE guild_id = ? ORDER BY role_id",
            (v.check_id(guild_id, "server id"),),
        )
        return [r["role_id"] for r in rows]

    # -- import / export -------------------------------------------------

    async def export_entries(self, guild_id: int) -> list[EntryData]:
        """The guild's own live entries (not the defaults), by name."""
        g = v.check_id(guild_id, "server id")
        rows = await self.db.read(
            f"SELECT {sql.ENTRY} FROM faq f WHERE guild_id = :g AND deleted_at IS NULL"
            " ORDER BY name",
            {"g": g},
        )
        asked = await self.db.read(
            "SELECT q.faq_id, q.question FROM faq_question q JOIN faq f ON f.id = q.faq_id"
            " WHERE f.guild_id = :g AND f.deleted_at IS NULL ORDER BY q.rowid",
            {"g": g},
        )
        questions: dict[int, list[str]] = {}
        for row in asked:
            questions.setdefault(row["faq_id"], []).append(row["question"])
        entries = [sql.entry(r) for r in rows]
        return [replace(e.data(), questions=tuple(questions.get(e.id, ()))) for e in entries]

    async def export_json(self, guild_id: int) -> str:
        return seed.render_json(await self.export_entries(guild_id))

    async def export_markdown(self, guild_id: int) -> dict[str, str]:
        """File name -> file text, one file per entry in the seed format."""
        return {
            f"{e.name}.md": seed.render_markdown(e) for e in await self.export_entries(guild_id)
        }

    async def import_json(
        self, guild_id: int, text: str, actor_id: int, *, dry_run: bool = True
    ) -> ImportPlan:
        return await self.import_entries(guild_id, seed.parse_json(text), actor_id, dry_run=dry_run)

    async def import_markdown(
        self, guild_id: int, files: dict[str, str], actor_id: int, *, dry_run: bool = True
    ) -> ImportPlan:
        if sum(len(t) for t in files.values()) > v.MAX_IMPORT_BYTES:
            raise InvalidInput("That import is too large.")
        entries = [seed.parse_markdown(text, name) for name, text in sorted(files.items())]
        return await self.import_entries(guild_id, entries, actor_id, dry_run=dry_run)

    async def import_entries(
        self, guild_id: int, entries: list[EntryData], actor_id: int, *, dry_run: bool = True
    ) -> ImportPlan:
        """Create or update the guild's entries by name, all or nothing.

        With dry_run (the default) nothing changes; the plan says what would.
        """
        g = v.check_id(guild_id, "server id")
        if len(entries) > v.MAX_IMPORT_ENTRIES:
            raise InvalidInput(f"At most {v.MAX_IMPORT_ENTRIES} entries per import.")
        entries = [seed.checked(e, f"`{e.name}`") for e in entries]
        names = [e.name for e in entries]
        if len(set(names)) != len(names):
            raise InvalidInput("The import names the same FAQ twice.")
        existing = {e.name: e for e in await self.export_entries(g)}
        created, changed, unchanged = [], [], []
        for e in entries:
            old = existing.get(e.name)
            bucket = created if old is None else unchanged if old == _sorted(e) else changed
            bucket.append(e.name)
        if dry_run or not (created or changed):
            return ImportPlan(created, changed, unchanged, applied=False)
        reason = "import"
        async with self.db.write() as conn:
            for e in entries:
                if e.name in created:
                    entry = await writes.create(conn, g, e, actor_id, reason)
                elif e.name in changed:
                    entry = await self._visible(conn, g, e.name)
                    if _sorted(replace(e, questions=())) != _sorted(entry.data()):
                        await writes.update(
                            conn, entry, g, "edit", actor_id, reason,
                            title=e.title, content=e.content, aliases=e.aliases,
                        )  # fmt: skip
                else:
                    continue
                await writes.set_questions(conn, entry.id, e.questions)
        self._changed()
        return ImportPlan(created, changed, unchanged, applied=True)


def _sorted(e: EntryData) -> EntryData:
    return replace(e, aliases=tuple(sorted(e.aliases)))
