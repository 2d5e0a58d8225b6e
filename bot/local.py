"""An offline stand-in for Discord: one local guild, one channel, one user.

Typed lines become real `discord.Message` objects in the bot's own connection
state and go through discord.py's command machinery unchanged, so the console
and `python -m bot send` exercise exactly what Discord users reach. The local
user owns the guild and the bot, so moderator commands work. Nothing here
talks to the network: any REST call fails at once with `OfflineError`.
"""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import discord
from discord.http import HTTPClient, Route

LOCAL_USER_ID = 100_000_000_000_000_001
BOT_USER_ID = 100_000_000_000_000_002
GUILD_ID = 100_000_000_000_000_010
CHANNEL_ID = 100_000_000_000_000_020
ALL_PERMISSIONS = str(discord.Permissions.all().value)


class OfflineError(discord.DiscordException):
    """A REST call was attempted while offline."""


class OfflineHTTP(HTTPClient):
    """An HTTP client that never connects; typing indicators are no-ops."""

    async def request(self, route: Route, **kwargs):
        raise OfflineError(f"offline: {route.method} {route.path} is not available")

    async def send_typing(self, channel_id):
        return None

    async def get_from_cdn(self, url: str) -> bytes:
        # Offline, attachments are files the local user attached with !attach.
        if not url.startswith("file:"):
            raise OfflineError(f"offline: cannot download {url}")
        return await asyncio.to_thread(Path(url2pathname(urlparse(url).path)).read_bytes)

    async def close(self) -> None:
        return None


def user_data(user_id: int | str, name: str, *, bot: bool = False) -> dict:
    return {
        "id": str(user_id),
        "username": name,
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
    }


def member_data(user: dict) -> dict:
    return {
        "user": user,
        "roles": [],
        "joined_at": datetime.now(UTC).isoformat(),
        "deaf": False,
        "mute": False,
        "flags": 0,
    }


class LocalGuild:
    """Builds the local guild inside a bot's connection state."""

    def __init__(self, bot: discord.Client, user_name: str = "you") -> None:
        self.bot = bot
        http = OfflineHTTP(asyncio.get_running_loop())
        bot.http = http
        state = bot._connection  # discord.py keeps its object cache here
        state.http = http
        self.state = state
        bot_user = user_data(BOT_USER_ID, "awaitbot", bot=True)
        state.user = discord.ClientUser(state=state, data=bot_user)
        me = user_data(LOCAL_USER_ID, user_name)
        data = guild_data(GUILD_ID, "local", LOCAL_USER_ID, CHANNEL_ID, "console", ALL_PERMISSIONS)
        self.guild = discord.Guild(data=data, state=state)
        state._add_guild(self.guild)
        for user in (me, bot_user):
            member = discord.Member(data=member_data(user), guild=self.guild, state=state)
            self.guild._add_member(member)
        self.channel = self.guild.get_channel(CHANNEL_ID)
        self.member = self.guild.get_member(LOCAL_USER_ID)
        self._ids = itertools.count(200_000_000_000_000_000)

    def message(self, content: str, files: list[Path] = ()) -> discord.Message:
        """A message the local user has just typed in the local channel."""
        author = user_data(LOCAL_USER_ID, self.member.name)
        data = message_data(next(self._ids), CHANNEL_ID, author, content, guild_id=GUILD_ID)
        data["attachments"] = [self._attachment(path) for path in files]
        return discord.Message(state=self.state, channel=self.channel, data=data)

    def _attachment(self, path: Path) -> dict:
        url = path.resolve().as_uri()
        size = path.stat().st_size
        return {"id": str(next(self._ids)), "filename": path.name, "size": size, "url": url,
                "proxy_url": url}  # fmt: skip


def guild_data(
    guild_id: int | str,
    name: str,
    owner_id: int | str,
    channel_id: int | str,
    channel_name: str,
    everyone_permissions: str,
    members: list[dict] = (),
) -> dict:
    """A guild with one text channel, as Discord's API describes it."""
    return {
        "id": str(guild_id),
        "name": name,
        "owner_id": str(owner_id),
        "roles": [
            {
                "id": str(guild_id),  # the @everyone role shares the guild's id
                "name": "@everyone",
                "permissions": everyone_permissions,
                "position": 0,
                "color": 0,
                "hoist": False,
                "managed": False,
                "mentionable": False,
            }
        ],
        "emojis": [],
        "stickers": [],
        "features": [],
        "members": list(members),
        "channels": [
            {
                "id": str(channel_id),
                "type": 0,
                "name": channel_name,
                "position": 0,
                "permission_overwrites": [],
                "nsfw": False,
                "parent_id": None,
            }
        ],
        "member_count": max(2, len(members)),
        "large": False,
        "unavailable": False,
        "joined_at": datetime.now(UTC).isoformat(),
    }


def message_data(
    message_id: int | str,
    channel_id: int | str,
    author: dict,
    content: str,
    *,
    guild_id: int | str | None = None,
    embeds: list | None = None,
) -> dict:
    """A message as Discord's API describes it (for the offline state and test fakes)."""
    data = {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": author,
        "content": content,
        "timestamp": datetime.now(UTC).isoformat(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": embeds or [],
        "pinned": False,
        "type": 0,
    }
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
        data["member"] = {k: v for k, v in member_data({}).items() if k != "user"}
    return data
