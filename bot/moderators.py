"""Who moderates a guild: owners, administrators, then the guild's own rule
(its FAQ moderator roles if it named any, else Manage Messages)."""

from __future__ import annotations

import discord

from bot.faq import FaqStore


async def is_moderator(bot, user, guild, channel, faqs: FaqStore) -> bool:
    if await bot.is_owner(user):
        return True
    if guild is None or not isinstance(user, discord.Member):
        return False
    if user.guild_permissions.administrator:
        return True
    roles = set(await faqs.modrole_list(guild.id))
    if roles:  # a guild that names its moderator roles relies on them alone
        return any(role.id in roles for role in user.roles)
    return channel is not None and channel.permissions_for(user).manage_messages
