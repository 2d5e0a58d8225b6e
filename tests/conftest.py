"""Shared fixtures: real settings, a real SQLite file, the bot in two harnesses.

`local` drives the bot through the console's offline transport (the path
`python -m bot send` uses); `dpy` drives it through dpytest, which fakes
Discord's servers but runs discord.py's own command machinery.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import discord
import discord.ext.test as dpytest
import pytest
import pytest_asyncio

from bot.app import AwaitBot
from bot.config import Settings
from bot.console import LocalSession
from bot.local import LOCAL_USER_ID
from bot.resources import open_resources

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    """No test reads the developer's .env or real token."""
    for name in list(os.environ):
        if name.startswith("AWAITBOT_") or name == "DISCORD_TOKEN":
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWAITBOT_ENV_FILE", str(tmp_path / "absent.env"))


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(_env_file=None, db_path=tmp_path / "awaitbot.db")


@pytest_asyncio.fixture
async def local(settings):
    session = LocalSession()
    async with open_resources(settings) as resources:
        bot = AwaitBot(settings, resources, transport=session, owner_ids=frozenset({LOCAL_USER_ID}))
        async with bot:
            session.attach(bot)
            await bot.setup_hook()
            yield session


@pytest_asyncio.fixture
async def dpy(settings, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # dpytest saves files the bot sends into the cwd
    async with open_resources(settings) as resources:
        bot = AwaitBot(settings, resources)
        await bot._async_setup_hook()  # what login() would do, without Discord
        await bot.setup_hook()
        # dpytest adds its members through the member cache, which needs the intent.
        bot._connection._intents.members = True
        bot._connection.member_cache_flags = discord.MemberCacheFlags.all()
        mentions = bot.allowed_mentions
        dpytest.configure(bot, members=["alice", "bob"])
        bot.allowed_mentions = mentions  # dpytest swaps the state that holds it,
        bot._connection._command_tree = bot.tree  # and the tree slash commands go to,
        bot._connection.loop = asyncio.get_running_loop()  # and the loop typing() needs.
        # dpytest re-raises command errors into the test; we check the error cog's
        # reply instead, as a user would see it.
        del bot.on_command_error
        try:
            yield bot
        finally:
            await dpytest.empty_queue()
            bot.ws = None  # dpytest's fake gateway cannot be closed like a real one
            await bot.close()


def cli_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """Environment for running `python -m bot` as a subprocess in tests."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWAITBOT_")}
    env.pop("DISCORD_TOKEN", None)
    env.update(
        AWAITBOT_DB_PATH=str(tmp_path / "cli.db"),
        AWAITBOT_ENV_FILE=str(tmp_path / "absent.env"),
        PYTHONWARNINGS="default,ignore::DeprecationWarning:discord.player",
    )
    env.update(extra)
    return env


PYTHON = sys.executable
