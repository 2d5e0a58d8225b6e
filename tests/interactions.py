"""Slash commands without Discord: a gateway INTERACTION_CREATE fed to the
bot's real connection state, with the HTTP reply captured at the webhook
adapter (the one place discord.py sends interaction responses)."""

from __future__ import annotations

import asyncio
import itertools
import json
from contextlib import contextmanager
from datetime import UTC, datetime

import discord
from discord.webhook.async_ import AsyncWebhookAdapter, async_context

from bot.local import message_data

# Interactions expire 15 minutes after the time in their snowflake id.
_ids = itertools.count(discord.utils.time_snowflake(datetime.now(UTC)))


class RecordingAdapter(AsyncWebhookAdapter):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, dict]] = []

    async def request(self, route, session, *, payload=None, multipart=None, files=None, **kw):
        body = payload
        if multipart:  # files were attached: the JSON part carries the message
            body = json.loads(multipart[0]["value"])
        self.calls.append((route.path, body or {}))
        if route.path.endswith("/callback"):
            return {"interaction": {"id": str(next(_ids)), "type": 2}}
        # a follow-up message, as Discord echoes it back
        bot = {"id": "1", "username": "awaitbot", "discriminator": "0", "avatar": None}
        body = body or {}
        return message_data(
            next(_ids), 1, bot, body.get("content") or "", embeds=body.get("embeds")
        )


def _options(sub: str | None, options: dict) -> list[dict]:
    values = [{"name": k, "type": 3, "value": v} for k, v in options.items()]
    return [{"name": sub, "type": 1, "options": values}] if sub else values


@contextmanager
def recording():
    adapter = RecordingAdapter()
    token = async_context.set(adapter)
    try:
        yield adapter
    finally:
        async_context.reset(token)


def _payload(bot, member, channel, kind: int, data: dict) -> dict:
    return {
        "id": str(next(_ids)),
        "application_id": str(bot.user.id),
        "type": kind,
        "token": "interaction-token",
        "version": 1,
        "guild_id": str(channel.guild.id),
        "channel_id": str(channel.id),
        "channel": {"id": str(channel.id), "type": 0, "guild_id": str(channel.guild.id)},
        "member": {
            "user": {
                "id": str(member.id),
                "username": member.name,
                "discriminator": "0",
                "avatar": None,
            },
            "roles": [str(r.id) for r in member.roles if not r.is_default()],
            "joined_at": "2026-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "permissions": str(discord.Permissions.all().value),
        },
        "locale": "en-US",
        "guild_locale": "en-US",
        "app_permissions": str(discord.Permissions.all().value),
        "entitlements": [],
        "attachment_size_limit": 8 * 1024 * 1024,
        "authorizing_integration_owners": {},
        "data": data,
    }


async def _deliver(bot, payload: dict, wait_for: int) -> list[tuple[str, dict]]:
    with recording() as adapter:
        bot._connection.parse_interaction_create(payload)
        for _ in range(200):  # discord.py answers in a task of its own
            await asyncio.sleep(0.01)
            if len(adapter.calls) >= wait_for:
                break
        await asyncio.sleep(0.05)
    return adapter.calls


async def slash(
    bot: discord.Client,
    member: discord.Member,
    channel,
    command: str,
    wait_for: int = 1,
    sub: str | None = None,
    **options,
):
    """Invoke `/command` as `member` in `channel` and wait until it has answered."""
    data = {"id": str(next(_ids)), "name": command, "type": 1, "options": _options(sub, options)}
    return await _deliver(bot, _payload(bot, member, channel, 2, data), wait_for)


async def click(bot, member, channel, message: discord.Message, label: str, wait_for: int = 1):
    """Press the button called `label` on a message the bot sent."""
    items = bot._connection._view_store._views[message.id]
    custom_id = next(key[1] for key, item in items.items() if item.label == label)
    payload = _payload(bot, member, channel, 3, {"custom_id": custom_id, "component_type": 2})
    author = {"id": str(bot.user.id), "username": "awaitbot", "discriminator": "0", "avatar": None}
    payload["message"] = message_data(message.id, channel.id, author, message.content)
    return await _deliver(bot, payload, wait_for)


async def message_menu(bot, member, channel, name: str, target: dict, wait_for: int = 1):
    """Right-click the message `target` (its API data), Apps, `name`."""
    data = {
        "id": str(next(_ids)),
        "name": name,
        "type": 3,  # a message command
        "target_id": str(target["id"]),
        "resolved": {"messages": {str(target["id"]): {**target, "channel_id": str(channel.id)}}},
    }
    return await _deliver(bot, _payload(bot, member, channel, 2, data), wait_for)
