"""Who may change FAQs: owners, administrators, then the guild's own rule."""

from __future__ import annotations

import discord

from bot import errors
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
    return channel.permissions_for(user).manage_messages


async def require_moderator(bot, user, guild, channel, faqs: FaqStore) -> None:
    if guild is None:
        raise errors.Forbidden("FAQs can only be changed in a server, not in direct messages.")
    if not await is_moderator(bot, user, guild, channel, faqs):
        raise errors.Forbidden(
            "Only moderators can change FAQs: the server's FAQ moderator roles "
            "(`!faq modrole list`), or people with the Manage Messages permission."
        )


async def require_admin(bot, user, guild) -> None:
    if guild is None:
        raise errors.Forbidden("Moderator roles belong to a server; use this in one.")
    owner = await bot.is_owner(user)
    member = isinstance(user, discord.Member)
    if not owner and not (member and user.guild_permissions.administrator):
        raise errors.Forbidden("Only administrators can choose who moderates FAQs.")
