"""Who may change FAQs: owners, administrators, then the guild's own rule."""

from __future__ import annotations

import discord

from bot import errors
from bot.faq import FaqStore
from bot.moderators import is_moderator


async def require_moderator(bot, user, guild, channel, faqs: FaqStore) -> None:
    if guild is None:
        raise errors.Forbidden("FAQs can only be changed in a server, not in direct messages.")
    if not await is_moderator(bot, user, guild, channel, faqs):
        raise errors.Forbidden(
            "Only moderators can change FAQs: the server's FAQ moderator roles "
            f"(`{bot.settings.prefix}faq modrole list`), or people with the Manage Messages "
            "permission."
        )


async def require_admin(bot, user, guild) -> None:
    if guild is None:
        raise errors.Forbidden("Moderator roles belong to a server; use this in one.")
    owner = await bot.is_owner(user)
    member = isinstance(user, discord.Member)
    if not owner and not (member and user.guild_permissions.administrator):
        raise errors.Forbidden("Only administrators can choose who moderates FAQs.")
