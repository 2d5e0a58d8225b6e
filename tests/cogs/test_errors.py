import logging
import re

import discord.ext.test as dpytest
import pytest_asyncio
from discord.ext import commands

from bot import errors
from bot.replies import Reply


class Probe(commands.Cog):
    """Commands that fail in each way the error cog must handle."""

    def __init__(self, bot):
        self.bot = bot

    @commands.command()
    async def number(self, ctx, value: int):
        await self.bot.send_reply(ctx, Reply(f"got {value}"))

    @commands.command()
    @commands.has_permissions(manage_messages=True)
    async def modonly(self, ctx):
        await self.bot.send_reply(ctx, Reply("done"))

    @commands.command()
    async def explode(self, ctx):
        raise ZeroDivisionError("internal detail that must not leak")

    @commands.command()
    async def refuse(self, ctx):
        raise errors.InvalidInput("That name is too long (at most 64 characters).")

    @commands.command()
    async def echo(self, ctx, *, text: str):
        await self.bot.send_reply(ctx, Reply(text))


@pytest_asyncio.fixture
async def probe(dpy):
    await dpy.add_cog(Probe(dpy))
    return dpy


async def test_unknown_command_suggests_the_closest(dpy):
    await dpytest.message("!abuot")
    content = dpytest.get_message().content
    assert "`!abuot`" in content and "Did you mean `!about`?" in content


async def test_unknown_command_without_a_close_match_points_to_help(dpy):
    await dpytest.message("!qqqqqq")
    content = dpytest.get_message().content
    assert "Did you mean" not in content and "`!help`" in content


async def test_missing_argument_shows_usage(probe):
    await dpytest.message("!number")
    content = dpytest.get_message().content
    assert "needs `value`" in content and "Usage: `!number <value>`" in content


async def test_bad_argument_is_explained(probe):
    await dpytest.message("!number twelve")
    content = dpytest.get_message().content
    assert "does not fit" in content and "Usage" in content


async def test_unbalanced_quote_is_explained(probe):
    await dpytest.message('!number "12')
    assert "could not read those arguments" in dpytest.get_message().content


async def test_missing_permission_is_named(probe):
    await dpytest.message("!modonly")
    assert "manage messages permission" in dpytest.get_message().content


async def test_user_errors_are_shown_as_written(probe):
    await dpytest.message("!refuse")
    assert dpytest.get_message().content == "That name is too long (at most 64 characters)."


async def test_unexpected_error_apologises_with_an_id_that_is_logged(probe, caplog):
    caplog.set_level(logging.ERROR)
    await dpytest.message("!explode")
    content = dpytest.get_message().content
    assert "internal detail" not in content and "Traceback" not in content
    error_id = re.search(r"error id `([0-9a-f]{8})`", content).group(1)
    logged = [r for r in caplog.records if error_id in r.getMessage()]
    assert logged and logged[0].exc_info[0] is ZeroDivisionError


async def test_replies_never_ping_everyone_here_or_roles(probe):
    mentions = probe.allowed_mentions
    assert not mentions.everyone and not mentions.roles
    await dpytest.message("!echo @everyone @here <@&1234>")
    content = dpytest.get_message().content
    assert "@everyone" not in content and "@here" not in content and "<@&1234>" not in content
