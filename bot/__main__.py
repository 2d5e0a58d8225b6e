"""Command line: `python -m bot [run | console | send | health | invite | db ...]`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import shutil
import signal
import sys
from collections.abc import Awaitable, Callable

import discord

from bot import __version__
from bot import health as health_cli
from bot import invite as invite_cli
from bot.app import AwaitBot, ShardedAwaitBot
from bot.config import Settings, SettingsError, configure_logging, load_settings
from bot.console import LocalSession, console, send
from bot.faq import cli as faq_cli
from bot.local import LOCAL_USER_ID
from bot.resources import Stopped, open_resources, open_resources_patiently

log = logging.getLogger("bot")


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and exit 2)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="python -m bot",
        description="awaitbot: a Discord bot that answers asyncio questions with live demos.",
    )
    parser.add_argument("--version", action="version", version=f"awaitbot {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.add_parser(
        "run", help="connect to Discord if DISCORD_TOKEN is set, else start the console (default)"
    )
    sub.add_parser("console", help="the local console: try every command offline")
    send_p = sub.add_parser("send", help="feed messages as a user would type them; print replies")
    send_p.add_argument("messages", nargs="+", metavar="MESSAGE")
    send_p.add_argument("--json", action="store_true", help="one JSON object per message")
    sub.add_parser("health", help="check the database and the sandbox: exit 0, or 1 and why")
    invite_p = sub.add_parser("invite", help="print the URL that adds the bot to a server")
    invite_p.add_argument(
        "--client-id", type=int, help="the application id (default: read from DISCORD_TOKEN)"
    )
    faq_cli.register(sub)
    return parser


async def until_stopped(
    work: Awaitable, stop: asyncio.Event, on_stop: Callable | None = None
) -> None:
    """Run `work` until it ends or SIGINT/SIGTERM arrives, then shut down.

    `on_stop` asks the work to end by itself (the bot closes its gateway);
    without one the work is cancelled.
    """
    task = asyncio.ensure_future(work)
    waiter = asyncio.ensure_future(stop.wait())
    await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
    waiter.cancel()
    if not task.done():
        log.info("shutting down")
        if on_stop is None:
            task.cancel()
        else:
            await on_stop()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def install_signal_handlers(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)


async def run_discord(settings: Settings) -> None:
    stop = asyncio.Event()
    install_signal_handlers(stop)
    try:
        async with (
            open_resources_patiently(settings, stop) as resources,
            ShardedAwaitBot(settings, resources) as bot,
        ):
            resources.knowledge.ranker.prepare_in_background()  # ready for the first !ask
            await until_stopped(bot.start(settings.token), stop, bot.shutdown)
    except Stopped:
        log.info("stopped before the database could be opened")


async def wait_for_token(settings: Settings) -> None:
    """Say the token is missing, then wait for SIGINT or SIGTERM with the database
    and the sandbox open (so `health` and `send` report on them).

    For a service (a container, systemd) with no token, where nobody can type into
    a console: exiting would only be restarted by the service manager, again and
    again; waiting keeps this one line the last word in its log.
    """
    stop = asyncio.Event()
    install_signal_handlers(stop)  # before the line, which tells a watcher we are up
    print(
        "awaitbot: DISCORD_TOKEN is missing: set it (see .env.example) and restart; "
        "`python -m bot console` tries the bot offline.",
        file=sys.stderr,
        flush=True,
    )
    with contextlib.suppress(Stopped):
        async with open_resources_patiently(settings, stop):
            await stop.wait()


async def run_local(settings: Settings, messages: list[str] | None, as_json: bool) -> None:
    stop = asyncio.Event()
    install_signal_handlers(stop)
    session = LocalSession()
    async with open_resources(settings) as resources:
        bot = AwaitBot(settings, resources, transport=session, owner_ids=frozenset({LOCAL_USER_ID}))
        async with bot:
            session.attach(bot)
            await bot.setup_hook()
            # Attachments the replies carry are saved here, next to the database:
            # one folder, emptied when a session starts, not one more per session.
            attachments = settings.db_path.parent / "attachments"
            shutil.rmtree(attachments, ignore_errors=True)
            if messages is None:  # a person at the console: have !ask ready
                resources.knowledge.ranker.prepare_in_background()
                history = settings.db_path.parent / "console_history"
                await console(session, history=history, attachments=attachments, stop=stop)
            else:
                sending = send(
                    session, messages, attachments=attachments, as_json=as_json, stop=stop
                )
                await until_stopped(sending, stop)


def connect(settings: Settings) -> int:
    try:
        asyncio.run(run_discord(settings))
    except discord.LoginFailure:
        print("awaitbot: Discord refused the token: check DISCORD_TOKEN.", file=sys.stderr)
        return 1
    except (discord.GatewayNotFound, discord.HTTPException, OSError) as exc:
        print(f"awaitbot: cannot reach Discord ({type(exc).__name__}: {exc}).", file=sys.stderr)
        return 1
    return 0


def invite(settings: Settings, client_id: int | None) -> int:
    client_id = client_id or (settings.token and invite_cli.application_id(settings.token))
    if not client_id:
        print(
            "awaitbot: give --client-id (the application id from the developer portal) "
            "or set DISCORD_TOKEN",
            file=sys.stderr,
        )
        return 2
    print(invite_cli.url(client_id))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command or "run"
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"awaitbot: bad setting {exc}", file=sys.stderr)
        return 2
    if command == "db":
        configure_logging(settings.log_level)
        args.db_path = settings.db_path
        return args.func(args)
    if command == "health":
        return health_cli.main(settings)
    if command == "invite":
        return invite(settings, args.client_id)
    # The console's replies go to stdout; keep the log quiet there unless asked.
    quiet = command in ("console", "send") or (command == "run" and not settings.token)
    configure_logging("WARNING" if quiet and settings.log_level == "INFO" else settings.log_level)
    if command == "run" and settings.token:
        return connect(settings)
    if command == "run" and not sys.stdin.isatty():
        asyncio.run(wait_for_token(settings))
        return 0
    if command == "run":
        print(
            f"No DISCORD_TOKEN set: starting the local console (type {settings.prefix}help; "
            "Ctrl-D quits).",
            file=sys.stderr,
        )
    messages = args.messages if command == "send" else None
    asyncio.run(run_local(settings, messages, getattr(args, "json", False)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
