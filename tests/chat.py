"""What people do to messages in a dpytest channel beyond sending them: reply
to one, edit or delete their own. Each goes through discord.py's own gateway
parsing, as Discord's events would, and waits for the bot's handlers."""

from __future__ import annotations

import asyncio
import os

import discord
import discord.ext.test as dpytest
from discord.ext.test import backend, factories


def stored(message: discord.Message) -> dict:
    stored = backend._cur_config.messages[message.channel.id]
    return next(data for data in stored if int(data["id"]) == message.id)


def _attachments(paths) -> list[discord.Attachment]:
    return [
        discord.Attachment(
            data={
                "id": factories.make_id(),
                "filename": os.path.basename(path),
                "size": 0,
                "url": str(path),
                "proxy_url": "",
            },  # fmt: skip
            state=backend.get_state(),
        )
        for path in paths
    ]


async def reply(
    target: discord.Message, content: str, member: int = 0, attachments=()
) -> discord.Message:
    """`member` answers `target` with Discord's reply (a message reference)."""
    config = dpytest.get_config()
    channel, author = target.channel, config.members[member]
    data = factories.make_message_dict(
        channel, author, content=content, attachments=_attachments(attachments),
        guild_id=channel.guild.id,
    )  # fmt: skip
    data["message_reference"] = {
        "message_id": str(target.id),
        "channel_id": str(channel.id),
        "guild_id": str(channel.guild.id),
    }
    data["referenced_message"] = {**stored(target), "channel_id": str(channel.id)}
    return await _create(channel, data)


async def say(content: str, member: int = 0, attachments=()) -> discord.Message:
    """A plain message (dpytest's own, which may have attachments)."""
    return await dpytest.message(content, member=member, attachments=list(attachments))


async def _create(channel, data: dict) -> discord.Message:
    state = backend.get_state()
    state.parse_message_create(data)
    backend._cur_config.messages.setdefault(channel.id, []).append(data)
    await dpytest.run_all_events()
    return state._get_message(int(data["id"]))


async def edit(message: discord.Message, content: str) -> None:
    """The author edits their message; Discord sends MESSAGE_UPDATE."""
    data = {**stored(message), "content": content, "channel_id": str(message.channel.id)}
    data.pop("member", None)  # dpytest keeps the author there in a shape of its own
    data["edited_timestamp"] = discord.utils.utcnow().isoformat()
    if message.guild is not None:
        data["guild_id"] = str(message.guild.id)
    backend.get_state().parse_message_update(data)
    await dpytest.run_all_events()


async def delete(message: discord.Message) -> None:
    """The author deletes their message; Discord sends MESSAGE_DELETE."""
    backend.delete_message(message)
    await dpytest.run_all_events()


def sent() -> list[discord.Message]:
    """Every message the bot has sent and not yet been read with get_message."""
    found = []
    while not dpytest.sent_queue.empty():
        found.append(dpytest.get_message())
    return found


async def current(message: discord.Message) -> discord.Message | None:
    """The message as Discord has it now (after edits), or None if deleted."""
    try:
        return await message.channel.fetch_message(message.id)
    except discord.NotFound:
        return None


async def settle() -> None:
    """Wait until the bot's event handlers and button callbacks have finished."""
    busy = ("discord.py: on_", "discord-ui-view-dispatch", "CommandTree-invoker")
    me = asyncio.current_task()
    while pending := [
        t
        for t in asyncio.all_tasks()
        if t is not me and not t.done() and t.get_name().startswith(busy)
    ]:
        await asyncio.wait(pending)
    await dpytest.run_all_events()


async def make_moderator(member: discord.Member, channel) -> None:
    """Give `member` the Manage Messages permission through a role."""
    perms = discord.Permissions(manage_messages=True, view_channel=True, send_messages=True)
    role = backend.make_role("helpers", channel.guild, permissions=perms.value)
    await dpytest.add_role(member, role)


def labels(bot, message: discord.Message) -> list[str]:
    """The labels of the live buttons under a message the bot sent."""
    items = bot._connection._view_store._views.get(message.id, {})
    return [item.label for item in items.values()]
