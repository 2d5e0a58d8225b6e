"""SQL shared by the read and write halves of the store."""

from __future__ import annotations

import json
import sqlite3

import aiosqlite

from bot.faq.models import Entry, Revision

# Columns of an Entry; aliases come along as one space-separated string.
ENTRY = """
f.id, f.guild_id, f.name, f.title, f.content, f.author_id, f.created_at,
f.updated_at, f.updated_by, f.revision, f.deleted_at,
(SELECT group_concat(k.key, ' ') FROM faq_key k
  WHERE k.faq_id = f.id AND k.kind = 'alias') AS aliases
"""

# Entries guild :g can see: its own, plus defaults (guild 0) that it has
# neither hidden nor overridden with an entry of the same name.
VISIBLE = """
f.deleted_at IS NULL AND (
  f.guild_id = :g OR (
    f.guild_id = 0
    AND NOT EXISTS (SELECT 1 FROM faq_hidden h WHERE h.guild_id = :g AND h.faq_id = f.id)
    AND NOT EXISTS (SELECT 1 FROM faq o
                     WHERE o.guild_id = :g AND o.name = f.name AND o.deleted_at IS NULL)
  )
)
"""

# A name or alias as guild :g sees it; the guild's own keys win.
BY_KEY = f"""
SELECT {ENTRY}, k.kind AS match_kind
FROM faq_key k JOIN faq f ON f.id = k.faq_id
WHERE k.key = :key AND k.live = 1 AND k.guild_id IN (:g, 0) AND {VISIBLE}
ORDER BY k.guild_id DESC LIMIT 1
"""

BY_ID = f"SELECT {ENTRY} FROM faq f WHERE f.id = :id"

VISIBLE_KEYS = f"""
SELECT k.key FROM faq_key k JOIN faq f ON f.id = k.faq_id
WHERE k.live = 1 AND k.guild_id IN (:g, 0) AND {VISIBLE}
"""

# bm25 weights: name, aliases, title, content, errors. A word in the name counts
# far more than the same word somewhere in the body. Ranking happens on ids
# only; the full columns are read for the few rows that make the cut.
SEARCH = f"""
SELECT {ENTRY}, -hit.rank AS score
FROM (
  SELECT f.id, f.name, bm25(search_fts, 10.0, 8.0, 4.0, 1.0, 3.0, 2.0) AS rank
  FROM search_fts JOIN faq f ON f.id = search_fts.rowid
  WHERE search_fts MATCH :match AND {VISIBLE}
  ORDER BY rank, f.name LIMIT :limit
) AS hit JOIN faq f ON f.id = hit.id
ORDER BY hit.rank, hit.name
"""


def entry(row: sqlite3.Row) -> Entry:
    return Entry(
        id=row["id"],
        guild_id=row["guild_id"],
        name=row["name"],
        title=row["title"],
        content=row["content"],
        aliases=tuple(sorted((row["aliases"] or "").split())),
        author_id=row["author_id"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        updated_by=row["updated_by"],
        revision=row["revision"],
        deleted=row["deleted_at"] is not None,
    )


def revision(row: sqlite3.Row) -> Revision:
    return Revision(
        revision=row["revision"],
        action=row["action"],
        name=row["name"],
        title=row["title"],
        content=row["content"],
        aliases=tuple(json.loads(row["aliases"])),
        author_id=row["author_id"],
        reason=row["reason"],
        created_at=row["created_at"],
        guild_id=row["guild_id"],
    )


async def fetch_one(conn: aiosqlite.Connection, query: str, params: dict) -> sqlite3.Row | None:
    rows = await conn.execute_fetchall(query, params)
    return rows[0] if rows else None
