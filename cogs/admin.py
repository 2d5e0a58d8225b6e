"""Help, about and the owner's slash-command sync."""

from __future__ import annotations

import platform

import discord
from discord import app_commands
from discord.ext import commands

from bot import __version__, errors
from bot.app import AwaitBot
from bot.replies import Embed, EmbedField, Reply, shown

ABOUT_COOLDOWN = (3, 30.0)  # uses per seconds, per user: health checks touch the DB


def one_line(command: commands.Command, prefix: str) -> str:
    return described(command.short_doc, prefix) or "(no description)"


def described(text: str | None, prefix: str) -> str:
    """A command's help text (ours), with `{prefix}` where it names a command."""
    return (text or "").strip().replace("{prefix}", prefix)


def format_duration(seconds: float) -> str:
    seconds = int(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [(days, "d"), (hours, "h"), (minutes, "m"), (seconds, "s")]
    shown_parts = [f"{n}{unit}" for n, unit in parts if n] or ["0s"]
    return " ".join(shown_parts[:2])


class Admin(commands.Cog):
    """About the bot itself."""

    def __init__(self, bot: AwaitBot) -> None:
        self.bot = bot

    def help_reply(self, prefix: str, name: str | None) -> Reply:
        visible = sorted((c for c in self.bot.commands if not c.hidden), key=lambda c: c.name)
        if name:
            command = self.bot.get_command(name.removeprefix(prefix).strip())
            if command is None or command.hidden:
                raise errors.NotFound(
                    f"There is no command called {shown(name)}. `{prefix}help` lists them all."
                )
            signature = f" {command.signature}" if command.signature else ""
            text = described(command.help, prefix) or one_line(command, prefix)
            fields = []
            if command.aliases:
                fields.append(EmbedField("Also", ", ".join(prefix + a for a in command.aliases)))
            if isinstance(command, commands.Group):
                for sub in sorted(command.commands, key=lambda c: c.name):
                    fields.append(
                        EmbedField(f"{prefix}{sub.qualified_name}", one_line(sub, prefix))
                    )
            title = f"{prefix}{command.qualified_name}{signature}"
            return Reply(embed=Embed(title=title, description=text, fields=tuple(fields)))
        lines = [f"`{prefix}{c.name}` — {one_line(c, prefix)}" for c in visible]
        return Reply(
            embed=Embed(
                title="awaitbot commands",
                description="\n".join(lines),
                footer=f"{prefix}help <command> for details · also available as /slash commands",
            )
        )

    @commands.hybrid_command(name="help")
    @app_commands.describe(command="A command to explain in detail")
    async def help_command(self, ctx: commands.Context, *, command: str | None = None) -> None:
        """List the commands, or explain one of them."""
        await self.bot.send_reply(ctx, self.help_reply(self.bot.settings.prefix, command))

    @commands.hybrid_command()
    @commands.cooldown(*ABOUT_COOLDOWN, commands.BucketType.user)
    async def about(self, ctx: commands.Context) -> None:
        """Version, uptime, latency and the health of the bot's parts."""
        bot = self.bot
        if bot.offline:
            latency = "offline (local console)"
        elif bot.latency != bot.latency:  # NaN before the first heartbeat
            latency = "not measured yet"
        else:
            latency = f"{bot.latency * 1000:.0f} ms"
        health = await bot.resources.health()
        fields = [
            EmbedField("Version", __version__, inline=True),
            EmbedField("Uptime", format_duration(bot.uptime()), inline=True),
            EmbedField("Gateway latency", latency, inline=True),
            EmbedField("Python", platform.python_version(), inline=True),
            EmbedField("discord.py", discord.__version__, inline=True),
        ]
        fields += [
            EmbedField(name.capitalize(), state, inline=True) for name, state in health.items()
        ]
        pythons = await bot.resources.sandbox_pythons()
        if pythons:
            fields.append(EmbedField("Snippets run on", pythons, inline=True))
        if bot.failed_extensions:
            fields.append(EmbedField("Not loaded", ", ".join(sorted(bot.failed_extensions))))
        reply = Reply(
            embed=Embed(
                title="About awaitbot",
                description="Answers asyncio questions with demos that really run.",
                fields=tuple(fields),
            ),
            meta={"health": health},
        )
        await bot.send_reply(ctx, reply)

    @commands.command(hidden=True)
    @commands.is_owner()
    async def sync(self, ctx: commands.Context) -> None:
        """Sync slash commands globally (owner only; can take a while to show)."""
        if self.bot.offline:
            raise errors.Unavailable("Offline there is no Discord to sync slash commands with.")
        async with ctx.typing():
            try:
                synced = await self.bot.tree.sync()
            except discord.HTTPException as exc:
                raise errors.Unavailable(f"Discord refused the sync ({exc.status}).") from exc
        await self.bot.send_reply(ctx, Reply(f"Synced {len(synced)} slash commands globally."))


async def setup(bot: AwaitBot) -> None:
    await bot.add_cog(Admin(bot))
