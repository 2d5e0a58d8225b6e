"""`!explain` and `!ask` (and their slash forms): asyncio topics with live demos,
and the best answer for a question in plain words."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import AwaitBot, Invocation
from bot.faq import Who
from bot.knowledge.render import INDEX_ACTION, RUN_ACTION, TOPIC_ACTION
from bot.knowledge.service import Knowledge
from bot.knowledge.topics import fold
from bot.replies import Reply
from bot.snippets import Options
from cogs.run import CodeModal

GLOBAL = 0  # direct messages and the console's local guild share the defaults
MAX_CHOICES = 25  # Discord's limit for autocomplete


def guild_of(place) -> int:
    return place.guild.id if getattr(place, "guild", None) else GLOBAL


def who_of(author, channel) -> Who:
    return Who(author.id, getattr(channel, "id", 0) or 0)


class Explain(commands.Cog):
    """asyncio explained, with demos that run."""

    def __init__(self, bot: AwaitBot) -> None:
        self.bot = bot
        bot.add_action(TOPIC_ACTION, self.press_topic)
        bot.add_action(INDEX_ACTION, self.press_index)
        bot.add_action(RUN_ACTION, self.press_run, form=self.run_form)

    @property
    def knowledge(self) -> Knowledge:
        return self.bot.resources.knowledge

    @commands.hybrid_command(name="explain", aliases=["topic", "topics"])
    @app_commands.describe(topic="A topic's name, e.g. gather, create-task, nested-run")
    async def explain(self, ctx: commands.Context, *, topic: str = "") -> None:
        """Explain an asyncio pattern with a demo that runs live.

        `{prefix}explain gather` shows one topic; alone, it lists them all."""
        async with ctx.typing():
            reply = await self.knowledge.explain(
                guild_of(ctx), topic, who_of(ctx.author, ctx.channel)
            )
        await self.bot.send_reply(ctx, reply)

    @explain.autocomplete("topic")
    async def topic_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        typed = fold(current)
        library = self.knowledge.library
        matches = [
            t for t in library.topics.values() if not typed or any(typed in n for n in t.names)
        ]
        # Names that start with what was typed first, the slug's own first of all.
        matches.sort(
            key=lambda t: (
                not t.slug.startswith(typed.replace(" ", "-")),
                not any(n.startswith(typed) for n in t.names),
                t.slug,
            )
        )
        return [
            app_commands.Choice(name=f"{t.title}"[:100], value=t.slug)
            for t in matches[:MAX_CHOICES]
        ]

    @commands.hybrid_command(name="ask")
    @app_commands.describe(question="Your question in plain words, or a pasted error")
    async def ask(self, ctx: commands.Context, *, question: str = "") -> None:
        """Find the explanation or FAQ for a question in plain words, or a pasted error.

        For example: `{prefix}ask how do I run two things at once`."""
        async with ctx.typing():
            reply = await self.knowledge.ask(
                guild_of(ctx), question, who_of(ctx.author, ctx.channel)
            )
        await self.bot.send_reply(ctx, reply)

    # -- buttons -------------------------------------------------------------

    async def press_topic(self, who: Invocation, slug: str) -> Reply:
        return await self.knowledge.topic(slug)

    async def press_index(self, who: Invocation, page: str) -> Reply:
        return self.knowledge.index(int(page))

    async def press_run(self, who: Invocation, slug: str) -> Reply:
        """In text: the demo as a run message to send."""
        return self.knowledge.run_yourself(slug)

    async def run_form(self, who: Invocation, slug: str) -> discord.ui.Modal:
        """On Discord: the /run form, holding the demo, ready to change and run."""
        run = self.bot.get_cog("Run")
        demo = self.knowledge.library[slug].demo
        return CodeModal(run, Options(fast=True), demo)


async def setup(bot: AwaitBot) -> None:
    await bot.add_cog(Explain(bot))
