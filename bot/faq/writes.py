"""Write steps shared by moderator edits, imports and the seed sync.

Each runs inside a transaction the caller holds (Database.write) and ends by
appending a revision: a full snapshot of the entry after the change.
"""

from __future__ import annotations

import json
import time

import aiosqlite

from bot.errors import InvalidInput
from bot.faq import sql
from bot.faq.models import Entry, EntryData


async def taken(conn: aiosqlite.Connection, g: int, key: str, faq_id: int | None) -> None:
    row = await sql.fetch_one(
        conn,
        "SELECT f.name FROM faq_key k JOIN faq f ON f.id = k.faq_id"
        " WHERE k.guild_id = :g AND k.key = :key AND k.live = 1 AND k.faq_id IS NOT :id",
        {"g": g, "key": key, "id": faq_id},
    )
    if row is not None:
        raise InvalidInput(f"`{key}` is already used by the FAQ `{row['name']}`.")


async def snapshot(
    conn: aiosqlite.Connection, faq_id: int, g: int, action: str, actor: int, reason: str | None
) -> Entry:
    row = await sql.fetch_one(conn, sql.BY_ID, {"id": faq_id})
    assert row is not None
    entry = sql.entry(row)
    await conn.execute(
        "INSERT INTO faq_revision (faq_id, guild_id, revision, action, name, title, content,"
        " aliases, author_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            faq_id, g, entry.revision, action, entry.name, entry.title, entry.content,
            json.dumps(list(entry.aliases)), actor, reason, time.time(),
        ),
    )  # fmt: skip
    return entry


async def set_aliases(conn: aiosqlite.Connection, faq_id: int, g: int, aliases) -> None:
    rows = await conn.execute_fetchall(
        "SELECT key FROM faq_key WHERE faq_id = ? AND kind = 'alias'", (faq_id,)
    )
    old = {r["key"] for r in rows}
    for key in old - set(aliases):
        await conn.execute("DELETE FROM faq_key WHERE faq_id = ? AND key = ?", (faq_id, key))
    for key in aliases:
        if key not in old:
            await taken(conn, g, key, faq_id)
            await conn.execute(
                "INSERT INTO faq_key (faq_id, guild_id, key, kind) VALUES (?, ?, ?, 'alias')",
                (faq_id, g, key),
            )


async def set_questions(conn: aiosqlite.Connection, faq_id: int, questions) -> bool:
    """Replace an FAQ's example questions; True when they changed."""
    rows = await conn.execute_fetchall(
        "SELECT question FROM faq_question WHERE faq_id = ? ORDER BY rowid", (faq_id,)
    )
    if tuple(r[0] for r in rows) == tuple(questions):
        return False
    await conn.execute("DELETE FROM faq_question WHERE faq_id = ?", (faq_id,))
    await conn.executemany(
        "INSERT INTO faq_question (faq_id, question) VALUES (?, ?)",
        [(faq_id, q) for q in questions],
    )
    return True


async def create(
    conn: aiosqlite.Connection, g: int, data: EntryData, actor: int, reason: str | None
) -> Entry:
    await taken(conn, g, data.name, None)
    now = time.time()
    cur = await conn.execute(
        "INSERT INTO faq (guild_id, name, title, content, author_id, created_at, updated_at,"
        " updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (g, data.name, data.title, data.content, actor, now, now, actor),
    )
    faq_id = cur.lastrowid
    await conn.execute(
        "INSERT INTO faq_key (faq_id, guild_id, key, kind) VALUES (?, ?, ?, 'name')",
        (faq_id, g, data.name),
    )
    await set_aliases(conn, faq_id, g, data.aliases)
    return await snapshot(conn, faq_id, g, "create", actor, reason)


async def update(
    conn: aiosqlite.Connection, entry: Entry, g: int, action: str, actor: int, reason, **changes
) -> Entry:
    """Change title/content/name/aliases of an entry and record the revision."""
    if "name" in changes and changes["name"] != entry.name:
        new = changes["name"]
        await taken(conn, g, new, entry.id)
        # The new name may be one of the entry's own aliases: it stops being one.
        await conn.execute("DELETE FROM faq_key WHERE faq_id = ? AND key = ?", (entry.id, new))
        await conn.execute(
            "UPDATE faq_key SET key = ? WHERE faq_id = ? AND kind = 'name'", (new, entry.id)
        )
    if "aliases" in changes:
        await set_aliases(conn, entry.id, g, changes.pop("aliases"))
    sets = "".join(f"{col} = :{col}, " for col in changes)  # columns come from our code only
    await conn.execute(
        f"UPDATE faq SET {sets}revision = revision + 1, updated_at = :now, updated_by = :actor"
        " WHERE id = :id",
        {**changes, "now": time.time(), "actor": actor, "id": entry.id},
    )
    return await snapshot(conn, entry.id, g, action, actor, reason)


async def set_deleted(conn, entry: Entry, g: int, deleted: bool, actor: int, reason) -> Entry:
    await conn.execute(
        "UPDATE faq SET deleted_at = ?, revision = revision + 1 WHERE id = ?",
        (time.time() if deleted else None, entry.id),
    )
    await conn.execute(
        "UPDATE faq_key SET live = ? WHERE faq_id = ?", (0 if deleted else 1, entry.id)
    )
    return await snapshot(conn, entry.id, g, "delete" if deleted else "restore", actor, reason)
