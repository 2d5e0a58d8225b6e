"""One place that turns command errors into short, friendly replies."""

from __future__ import annotations

import difflib
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot import errors
from bot.app import AwaitBot
from bot.replies import Reply, clean, shown

log = logging.getLogger(__name__)


def usage(ctx: commands.Context) -> str:
    command = ctx.command
    if command is None:
        return ""
    signature = f" {command.signature}" if command.signature else ""
    return f"\nUsage: `{ctx.clean_prefix}{command.qualified_name}{signature}`"


def did_you_mean(bot: commands.Bot, typed: str) -> str:
    names = [c.name for c in bot.commands if not c.hidden]
    names += [a for c in bot.commands if not c.hidden for a in c.aliases]
    close = difflib.get_close_matches(typed.lower(), names, n=1, cutoff=0.6)
    return f" Did you mean `{bot.settings.prefix}{close[0]}`?" if close else ""


def unwrap(error: BaseException) -> BaseException:
    """The exception a command really raised, not discord.py's wrappers around it."""
    wrappers = (
        commands.CommandInvokeError,
        commands.HybridCommandError,
        app_commands.CommandInvokeError,
    )
    while isinstance(error, wrappers):
        error = error.original
    return error


def describe(ctx: commands.Context, error: BaseException) -> Reply | None:
    """A reply for an error the user can fix, or None for a bug."""
    prefix = ctx.clean_prefix
    if isinstance(error, errors.UserError):
        return Reply(error.message, meta=error.meta)
    if isinstance(error, commands.CommandNotFound):
        typed = ctx.invoked_with or ""
        return Reply(
            f"I don't know the command {shown(prefix + typed)}.{did_you_mean(ctx.bot, typed)} "
            f"`{prefix}help` lists what I can do."
        )
    if isinstance(error, commands.MissingRequiredArgument):
        return Reply(f"`{prefix}{ctx.command}` needs `{error.param.name}`.{usage(ctx)}")
    if isinstance(error, commands.ArgumentParsingError):
        return Reply(f"I could not read those arguments: {clean(str(error), 200)}{usage(ctx)}")
    if isinstance(error, commands.BadArgument | commands.BadUnionArgument):
        return Reply(f"That argument does not fit: {clean(str(error), 200)}{usage(ctx)}")
    if isinstance(error, commands.TooManyArguments):
        return Reply(f"Too many arguments.{usage(ctx)}")
    if isinstance(error, commands.NotOwner):
        return Reply("Only the bot's owner can use that command.")
    if isinstance(error, commands.MissingPermissions | app_commands.MissingPermissions):
        needed = ", ".join(p.replace("_", " ") for p in error.missing_permissions)
        return Reply(f"You need the {needed} permission to do that.")
    if isinstance(error, commands.BotMissingPermissions | app_commands.BotMissingPermissions):
        needed = ", ".join(p.replace("_", " ") for p in error.missing_permissions)
        return Reply(f"I need the {needed} permission here to do that.")
    if isinstance(error, commands.NoPrivateMessage | app_commands.NoPrivateMessage):
        return Reply("That command only works in a server, not in direct messages.")
    if isinstance(error, commands.CommandOnCooldown | app_commands.CommandOnCooldown):
        return Reply(f"Slow down a little: try again in {error.retry_after:.0f} s.", ephemeral=True)
    if isinstance(error, commands.MaxConcurrencyReached):
        return Reply("That command is busy right now; try again in a moment.", ephemeral=True)
    if isinstance(error, commands.DisabledCommand):
        return Reply("That command is switched off for now.")
    if isinstance(error, commands.CheckFailure | app_commands.CheckFailure):
        return Reply("You can't use that command here.", ephemeral=True)
    return None


def describe_app(error: BaseException) -> Reply | None:
    if isinstance(error, app_commands.CommandSignatureMismatch | app_commands.CommandNotFound):
        return Reply("That slash command is out of date; try again in a minute.", ephemeral=True)
    if isinstance(error, errors.UserError):
        return Reply(error.message, ephemeral=True, meta=error.meta)
    return None


class Errors(commands.Cog):
    def __init__(self, bot: AwaitBot) -> None:
        self.bot = bot
        self._old_tree_error = bot.tree.on_error
        bot.tree.on_error = self.on_app_command_error

    async def cog_unload(self) -> None:
        self.bot.tree.on_error = self._old_tree_error

    @commands.Cog.listener()
    async def on_command_error(self, ctx: commands.Context, error: Exception) -> None:
        error = unwrap(error)
        reply = describe(ctx, error)
        if reply is None:
            where = f"command {ctx.command.qualified_name if ctx.command else '?'}"
            reply = self.bot.incident(error, where)
        try:
            await self.bot.send_reply(ctx, reply)
        except discord.HTTPException:
            log.warning("could not send an error reply in %s", ctx.channel)

    async def on_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        # Hybrid commands report through on_command_error; this is for pure slash
        # ones, and for interactions discord.py could not match to a command.
        try:
            ctx = await commands.Context.from_interaction(interaction)
        except Exception:
            ctx = None
        if ctx is not None:
            await self.on_command_error(ctx, error)
            return
        reply = describe_app(unwrap(error)) or self.bot.incident(error, "slash command")
        try:
            if interaction.response.is_done():
                await interaction.followup.send(reply.content, ephemeral=True)
            else:
                await interaction.response.send_message(reply.content, ephemeral=True)
        except discord.HTTPException:
            log.warning("could not answer a failed interaction")


async def setup(bot: AwaitBot) -> None:
    await bot.add_cog(Errors(bot))
