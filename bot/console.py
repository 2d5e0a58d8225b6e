"""The local console transport: Discord's command handling with no Discord.

`LocalSession` feeds typed messages through the bot offline and collects the
`Reply` objects the cogs produce; `console()` is the interactive prompt and
`send()` the one-shot form behind `python -m bot send`.
"""

from __future__ import annotations

import asyncio
import json
import shlex
import sys
import threading
from pathlib import Path

from discord.ext import commands

from bot.app import AwaitBot, Invocation, pending_handlers
from bot.local import LocalGuild
from bot.replies import Button, Reply, render_text, save_attachments, shown

MAX_MESSAGE = 4000  # the longest message Discord lets anyone send
MAX_ATTACHMENT = 8 * 1024 * 1024  # Discord's upload limit without boosts
MAX_ATTACHMENTS = 10
COMMAND_TIMEOUT = 120  # seconds; a reply later than this is reported as lost
FENCE = "```"


class LocalSession:
    """Runs messages through the bot as the local owner and keeps the replies."""

    def __init__(self) -> None:
        self.bot: AwaitBot | None = None
        self.guild: LocalGuild | None = None
        self._replies: list[Reply] = []
        self.buttons: tuple[Button, ...] = ()
        self.staged: list[Path] = []  # files for the next message (!attach)

    def attach(self, bot: AwaitBot) -> None:
        self.bot = bot
        self.guild = LocalGuild(bot)
        bot._ready.set()  # there is no gateway to wait for offline

    async def deliver(self, ctx: commands.Context | None, reply: Reply) -> None:
        self._replies.append(reply)
        if reply.buttons:
            self.buttons = reply.buttons

    async def handle(self, text: str) -> list[Reply]:
        """Every message gets at least one reply; nothing is silently dropped."""
        assert self.bot is not None and self.guild is not None, "attach() first"
        start = len(self._replies)
        try:
            async with asyncio.timeout(COMMAND_TIMEOUT):
                await self._handle(text)
        except TimeoutError:
            self._replies.append(Reply("That took too long and was stopped."))
        return self._replies[start:] or [self._not_a_command(text)]

    async def _handle(self, text: str) -> None:
        prefix = self.bot.settings.prefix
        words = text.split()
        if len(text) > MAX_MESSAGE:
            await self.deliver(
                None,
                Reply(
                    f"That message is {len(text):,} characters long; "
                    f"Discord allows at most {MAX_MESSAGE:,}."
                ),
            )
        elif len(words) == 2 and words[0] == f"{prefix}press":
            reply = await self.press(words[1])
            if reply is not None:  # None: the button changed its reply, delivered already
                await self.deliver(None, reply)
        elif words and words[0] == f"{prefix}attach":
            await self.deliver(None, self.attach_files(text.split(None, 1)[1:]))
        elif text.strip():
            files, self.staged = self.staged, []
            await self.bot.process_commands(self.guild.message(text, files))
            await self._settle()

    def _not_a_command(self, text: str) -> Reply:
        prefix = self.bot.settings.prefix
        if not text.strip():
            return Reply(f"Empty message: type a command such as `{prefix}help`.")
        if text.strip() == prefix:
            return Reply(f"Type a command name after `{prefix}`, for example `{prefix}help`.")
        if text.lstrip().startswith(prefix):
            return Reply("That command was stopped before it could answer.")
        return Reply(
            f"{shown(text)} is not a command. Commands start with `{prefix}`; "
            f"`{prefix}help` lists them."
        )

    def attach_files(self, rest: list[str]) -> Reply:
        """`!attach FILE...`: files go with the next message, as a Discord upload would."""
        try:
            names = shlex.split(rest[0]) if rest else []
        except ValueError as exc:
            return Reply(f"Could not read those file names: {exc}.")
        if not names:
            staged = ", ".join(p.name for p in self.staged) or "nothing"
            prefix = self.bot.settings.prefix
            return Reply(
                f"Attached for the next message: {staged}. `{prefix}attach FILE...` adds files."
            )
        paths = [Path(name).expanduser() for name in names]
        for path in paths:
            if not path.is_file():
                return Reply(f"There is no file {shown(str(path))}.")
            if path.stat().st_size > MAX_ATTACHMENT:
                return Reply(f"{shown(path.name)} is larger than Discord's 8 MiB limit.")
        if len(self.staged) + len(paths) > MAX_ATTACHMENTS:
            return Reply(f"A message carries at most {MAX_ATTACHMENTS} files.")
        self.staged += paths
        names = ", ".join(p.name for p in self.staged)
        return Reply(f"Attached {names}: they go with your next message.")

    async def press(self, number: str) -> Reply | None:
        if not number.isdigit() or not 1 <= int(number) <= len(self.buttons):
            if not self.buttons:
                return Reply("There are no buttons to press right now.")
            return Reply(f"Press a button from 1 to {len(self.buttons)}.")
        who = Invocation(self.guild.member, self.guild.guild, self.guild.channel)
        return await self.bot.press(who, self.buttons[int(number) - 1])

    async def _settle(self) -> None:
        # Errors reach the error cog as separately scheduled events; wait for them.
        while pending := pending_handlers():
            await asyncio.wait(pending)


def fence_open(text: str) -> bool:
    return text.count(FENCE) % 2 == 1


class LineReader:
    """Reads lines in a daemon thread so a blocked prompt never blocks exit."""

    def __init__(self, interactive: bool, history: Path | None) -> None:
        self.interactive = interactive
        self.history = history
        self.queue: asyncio.Queue[str | None] = asyncio.Queue()
        self.loop = asyncio.get_running_loop()
        self.wanted = threading.Semaphore(0)
        self.prompt = "> "
        if interactive:
            self._setup_readline()
        threading.Thread(target=self._read, daemon=True, name="console-input").start()

    def _setup_readline(self) -> None:
        try:
            import readline  # line editing and history where the platform has it
        except ImportError:
            return
        self.readline = readline
        if self.history and self.history.exists():
            try:
                readline.read_history_file(self.history)
            except OSError:
                pass

    def save_history(self) -> None:
        if self.interactive and self.history and hasattr(self, "readline"):
            try:
                self.history.parent.mkdir(parents=True, exist_ok=True)
                self.readline.write_history_file(self.history)
            except OSError:
                pass

    def _read(self) -> None:
        while True:
            self.wanted.acquire()
            try:
                line = input(self.prompt) if self.interactive else sys.stdin.readline()
                if not self.interactive and line == "":
                    line = None
                elif not self.interactive:
                    line = line.rstrip("\n")
            except EOFError:
                line = None
            except KeyboardInterrupt:
                line = ""
            self.loop.call_soon_threadsafe(self.queue.put_nowait, line)
            if line is None:
                return

    async def next(self, prompt: str) -> str | None:
        self.prompt = prompt
        self.wanted.release()
        return await self.queue.get()


async def read_message(reader: LineReader) -> str | None:
    """One message: a line, or several while a ``` fence is open."""
    first = await reader.next("> ")
    if first is None:
        return None
    lines = [first]
    while fence_open("\n".join(lines)):
        more = await reader.next("… ")
        if more is None:
            break  # send what we have rather than lose it
        lines.append(more)
    return "\n".join(lines)


async def console(
    session: LocalSession, *, history: Path | None, attachments: Path, stop: asyncio.Event
) -> None:
    interactive = sys.stdin.isatty()
    reader = LineReader(interactive, history)
    prefix = session.bot.settings.prefix
    try:
        while not stop.is_set():
            read = asyncio.ensure_future(read_message(reader))
            stopped = asyncio.ensure_future(stop.wait())
            await asyncio.wait({read, stopped}, return_when=asyncio.FIRST_COMPLETED)
            stopped.cancel()
            if not read.done():
                read.cancel()
                break
            text = read.result()
            if text is None:
                break
            if not text.strip() and interactive:
                continue
            for reply in await session.handle(text):
                print(render_text(reply, attachments, prefix=prefix), flush=True)
    finally:
        reader.save_history()
        if interactive:
            print(file=sys.stderr)


async def send(
    session: LocalSession,
    messages: list[str],
    *,
    attachments: Path,
    as_json: bool,
    stop: asyncio.Event,
) -> None:
    prefix = session.bot.settings.prefix
    for text in messages:
        if stop.is_set():
            break  # SIGINT/SIGTERM: the rest is not sent
        replies = await session.handle(text)
        if as_json:
            first, *rest = replies
            record = first.to_dict(save_attachments(first, attachments))
            if rest:
                record["followups"] = [r.to_dict(save_attachments(r, attachments)) for r in rest]
            print(json.dumps(record, ensure_ascii=False), flush=True)
        else:
            for reply in replies:
                print(render_text(reply, attachments, prefix=prefix), flush=True)
