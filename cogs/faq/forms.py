"""The form behind /faq add and /faq edit."""

from __future__ import annotations

import discord

from bot.faq import Entry
from bot.replies import Reply, discord_kwargs

MAX_CONTENT = 2000


class FaqForm(discord.ui.Modal):
    def __init__(self, cog, name: str, entry: Entry | None) -> None:
        super().__init__(title=f"{'Edit' if entry else 'New'} FAQ: {name}"[:45])
        self.cog = cog
        self.name = name
        self.entry = entry
        self.faq_title = discord.ui.TextInput(
            label="Title", required=False, max_length=200, default=entry.title if entry else None
        )
        self.content = discord.ui.TextInput(
            label="Answer",
            style=discord.TextStyle.paragraph,
            max_length=MAX_CONTENT,
            default=entry.content if entry else None,
        )
        self.add_item(self.faq_title)
        self.add_item(self.content)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        reply = await self.cog.bot.answer(self.save(interaction), "faq form")
        await interaction.response.send_message(ephemeral=reply.ephemeral, **discord_kwargs(reply))

    async def save(self, interaction: discord.Interaction) -> Reply:
        faqs, guild_id, actor = self.cog.faqs, interaction.guild.id, interaction.user.id
        title = self.faq_title.value.strip()
        if self.entry is None:
            entry = await faqs.add(guild_id, self.name, self.content.value, actor, title=title)
            return Reply(f"Added FAQ `{entry.name}`.", meta={"faq": entry.name})
        entry = await faqs.edit(guild_id, self.name, self.content.value, actor, title=title or None)
        return Reply(f"Updated `{entry.name}` (revision {entry.revision}).")
