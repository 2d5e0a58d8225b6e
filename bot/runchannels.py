"""Where `!run` works in each guild: every channel, until its moderators list some.

Stored in the bot's SQLite file (table run_channel, data/migrations/003); read
on every run, so kept in a small cache that each change clears for its guild.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from bot.errors import Forbidden, InvalidInput
from bot.faq.db import Database
from bot.replies import Reply

MAX_CHANNELS = 25  # per guild: a list people can read in one reply
CACHED_GUILDS = 1000


class RunChannels:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._cache: OrderedDict[int, tuple[int, ...]] = OrderedDict()

    async def listed(self, guild_id: int) -> tuple[int, ...]:
        """The guild's listed channels, or () when `!run` works everywhere."""
        if guild_id in self._cache:
            self._cache.move_to_end(guild_id)
            return self._cache[guild_id]
        rows = await self.db.read(
            "SELECT channel_id FROM run_channel WHERE guild_id = ? ORDER BY added_at, channel_id",
            (guild_id,),
        )
        channels = tuple(r["channel_id"] for r in rows)
        self._cache[guild_id] = channels
        if len(self._cache) > CACHED_GUILDS:
            self._cache.popitem(last=False)
        return channels

    async def allows(self, guild_id: int, *channel_ids: int | None) -> bool:
        """Whether `!run` works in a channel (or a thread, given with its parent)."""
        listed = await self.listed(guild_id)
        return not listed or any(c in listed for c in channel_ids if c is not None)

    async def add(self, guild_id: int, channel_ids: list[int], actor_id: int) -> tuple[int, ...]:
        now = time.time()
        async with self.db.write() as conn:
            for channel_id in channel_ids:
                await conn.execute(
                    "INSERT OR IGNORE INTO run_channel (guild_id, channel_id, added_by, added_at)"
                    " VALUES (?, ?, ?, ?)",
                    (guild_id, channel_id, actor_id, now),
                )
            count = await conn.execute_fetchall(
                "SELECT count(*) FROM run_channel WHERE guild_id = ?", (guild_id,)
            )
            if count[0][0] > MAX_CHANNELS:  # raising rolls the whole change back
                raise InvalidInput(f"A server can list at most {MAX_CHANNELS} channels for runs.")
        self._cache.pop(guild_id, None)
        return await self.listed(guild_id)

    async def remove(self, guild_id: int, channel_ids: list[int]) -> tuple[int, ...]:
        async with self.db.write() as conn:
            await conn.executemany(
                "DELETE FROM run_channel WHERE guild_id = ? AND channel_id = ?",
                [(guild_id, c) for c in channel_ids],
            )
        self._cache.pop(guild_id, None)
        return await self.listed(guild_id)


async def manage(
    channels: RunChannels,
    who,
    action: str,
    targets: list,
    moderator: Callable[[object], Awaitable[bool]],
    prefix: str = "!",
) -> Reply:
    """`!run channels list | add | remove`: anyone may list, moderators change.
    `targets` are channels; none means the one the command came from."""
    if who.guild is None:
        raise Forbidden("Run channels belong to a server; use this command in one.")
    guild_id = who.guild.id
    if action == "list":
        return Reply(describe(await channels.listed(guild_id), prefix))
    if not await moderator(who):
        raise Forbidden(
            "Only moderators can choose where code runs: people with the Manage Messages "
            f"permission, or the server's moderator roles (`{prefix}faq modrole list`)."
        )
    ids = [t.id for t in targets] or [who.channel.id]
    if action == "add":
        listed = await channels.add(guild_id, ids, who.author.id)
    else:
        listed = await channels.remove(guild_id, ids)
    return Reply(describe(listed, prefix))


def describe(listed: tuple[int, ...], prefix: str = "!") -> str:
    if not listed:
        return (
            f"Code runs in every channel here. Moderators can limit it with "
            f"`{prefix}run channels add #channel`."
        )
    places = ", ".join(f"<#{c}>" for c in listed)
    return (
        f"Code runs only in {places} here (and their threads). "
        f"`{prefix}run channels remove #channel` takes one off; with none left, "
        f"code runs everywhere again."
    )
