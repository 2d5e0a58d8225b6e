"""The run service: everything `!run` does between a request and its reply,
the same for a prefix command, /run, its form, the right-click menu, an edited
message, a button and the console.

Who may run (the guild's run channels, one run per person at a time, a
cooldown owners skip), what the reply says while the run waits for a sandbox
slot, the buttons under a result, and a bounded memory of recent runs so an
edit within EDIT_SECONDS reruns in place and a deleted message takes its reply.
"""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Collection

from discord.ext import commands

from bot import errors
from bot.app import BUTTON_TIMEOUT, Invocation
from bot.replies import Button, Reply
from bot.resources import Resources
from bot.runchannels import RunChannels
from bot.runs import run_snippet
from bot.snippets import Snippet
from bot.surfaces import Surface

log = logging.getLogger(__name__)

RUN_COOLDOWN = (5, 60.0)  # runs per seconds, per person
EDIT_SECONDS = 60.0  # an edit this soon after the message reruns it
KEEP_SECONDS = BUTTON_TIMEOUT  # a run is remembered as long as its buttons work
MAX_REMEMBERED = 1000  # runs remembered at most (the oldest are forgotten first)
AGAIN, DELETE, REPL = "run.again", "run.delete", "run.repl"

Read = Callable[[], Awaitable[Snippet]]


@dataclasses.dataclass(eq=False)
class Run:
    """A run the service remembers: what ran, for whom, and where its reply is."""

    id: str
    author_id: int
    surface: Surface
    snippet: Snippet | None = None
    source_id: int | None = None  # the message that asked for it, if any
    born: float = 0.0
    lock: asyncio.Lock = dataclasses.field(default_factory=asyncio.Lock)


class Turn:
    """One person's permission to run now; released when the run ends."""

    def __init__(self, running: set[int], user_id: int) -> None:
        self._running, self.user_id = running, user_id
        running.add(user_id)

    def release(self) -> None:
        self._running.discard(self.user_id)


class RunService:
    def __init__(
        self,
        resources: Resources,
        *,
        owners: Callable[[], Collection[int]],
        moderator: Callable[[Invocation], Awaitable[bool]],
        prefix: str = "!",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.resources = resources
        self.channels = RunChannels(resources.faqs.db)
        self.owners = owners
        self.moderator = moderator
        self.prefix = prefix
        self.clock = clock
        self._running: set[int] = set()
        self._cooldowns = commands.CooldownMapping.from_cooldown(
            *RUN_COOLDOWN, commands.BucketType.user
        )
        self._runs: OrderedDict[str, Run] = OrderedDict()
        self._by_source: dict[int, str] = {}
        self._ids = itertools.count(1)

    @property
    def max_bytes(self) -> int:
        return self.resources.limits.source_bytes

    # -- who may run -----------------------------------------------------------

    async def admit(self, who: Invocation) -> Turn:
        """A Turn, or a UserError saying why not: the wrong channel, a run still
        going, or too many runs in the last minute."""
        await self.check_channel(who)
        user_id = who.author.id
        if user_id in self._running:
            raise errors.TooSoon("You have a run going already; wait for it to finish.")
        if user_id not in self.owners():
            # discord.py's cooldown buckets, keyed by the author of a message-like object.
            retry = self._cooldowns.update_rate_limit(_Keyed(who.author))
            if retry:
                raise errors.TooSoon(f"Slow down a little: try again in {retry:.0f} s.")
        return Turn(self._running, user_id)

    async def check_channel(self, who: Invocation) -> None:
        guild, channel = who.guild, who.channel
        if guild is None or channel is None:
            return
        parent = getattr(channel, "parent_id", None)  # a thread runs where its channel does
        if await self.channels.allows(guild.id, channel.id, parent):
            return
        listed = await self.channels.listed(guild.id)
        places = ", ".join(f"<#{c}>" for c in listed)
        raise errors.Forbidden(f"Code runs only in {places} on this server.")

    # -- running ---------------------------------------------------------------

    async def run(
        self,
        who: Invocation,
        surface: Surface,
        read: Read,
        *,
        turn: Turn | None = None,
        source_id: int | None = None,
    ) -> Run:
        """Read the snippet, run it and show the reply; problems a user can fix
        are shown in the reply's place. A message already answered (an edit)
        has its reply replaced."""
        run = self.rerunnable(source_id) if source_id is not None else None
        if run is None:
            run = self._remember(Run(self._new_id(), who.author.id, surface, source_id=source_id))
        async with run.lock:
            try:
                turn = turn or await self.admit(who)
            except errors.UserError as exc:
                await run.surface.show(Reply(exc.message, meta=exc.meta))
                return run
            await self._run_shown(run, read, turn)
        return run

    async def _run_shown(self, run: Run, read: Read, turn: Turn) -> None:
        """Read the snippet and run it in `run`'s reply; a problem the user can
        fix takes the reply's place. The turn is given back in any case."""
        try:
            run.snippet = await read()
            await self._execute(run, run.snippet)
        except errors.UserError as exc:
            await run.surface.show(Reply(exc.message, meta=exc.meta))
        finally:
            turn.release()

    async def once(self, who: Invocation, snippet: Snippet) -> Reply:
        """A run whose reply the caller posts itself (the Timeline button)."""
        turn = await self.admit(who)
        try:
            return await self._with_progress(None, snippet)
        finally:
            turn.release()

    async def _execute(self, run: Run, snippet: Snippet) -> None:
        async with run.surface.typing():
            reply = await self._with_progress(run.surface, snippet)
        await run.surface.show(self._with_buttons(reply, run, snippet))

    async def _with_progress(self, surface: Surface | None, snippet: Snippet) -> Reply:
        """Run, and while the run waits for a slot say how many are ahead of it."""
        place = [0]
        moved = asyncio.Event()

        def queued(now: int) -> None:
            place[0] = now
            moved.set()

        resources = self.resources
        work = asyncio.ensure_future(
            run_snippet(
                resources.sandbox,
                snippet,
                resources.limits,
                resources.python,
                queued if surface is not None else None,
            )
        )
        said_queued = False
        try:
            while not work.done():
                waiter = asyncio.ensure_future(moved.wait())
                await asyncio.wait({work, waiter}, return_when=asyncio.FIRST_COMPLETED)
                waiter.cancel()
                if moved.is_set() and not work.done():
                    moved.clear()
                    if place[0] > 0:
                        await surface.show(Reply(queued_text(place[0])))
                        said_queued = True
                    elif said_queued:
                        await surface.show(Reply("▶️ Running…"))
            return work.result()
        finally:
            if not work.done():
                work.cancel()

    def _with_buttons(self, reply: Reply, run: Run, snippet: Snippet) -> Reply:
        buttons = [Button("🔁 Run again", AGAIN, (run.id,)), Button("🗑 Delete", DELETE, (run.id,))]
        if snippet.mode == "script" and reply.meta.get("top_level_await"):
            buttons.insert(0, Button("Run as REPL", REPL, (run.id,)))
        return dataclasses.replace(reply, buttons=(*buttons, *reply.buttons))

    # -- what users do to a reply -----------------------------------------------

    async def press(self, who: Invocation, run_id: str, action: str) -> Reply | None:
        """A button under a run's reply: run again (as a REPL), or delete it.
        Only the run's author and moderators may."""
        run = self._runs.get(run_id)
        if run is None or run.snippet is None or self._expired(run, KEEP_SECONDS):
            return Reply(f"That run has expired; send `{self.prefix}run` again.", ephemeral=True)
        if who.author.id != run.author_id and not await self.moderator(who):
            return Reply(
                "Only the author of this run (or a moderator) can use its buttons.",
                ephemeral=True,
            )
        if action == DELETE:
            self._forget(run)
            await run.surface.remove()
            return None
        snippet = run.snippet
        if action == REPL:
            snippet = dataclasses.replace(snippet, mode="repl")
        try:
            turn = await self.admit(who)
        except errors.UserError as exc:
            return Reply(exc.message, ephemeral=True, meta=exc.meta)
        async with run.lock:
            await self._run_shown(run, _ready(snippet), turn)
        return None

    def rerunnable(self, source_id: int) -> Run | None:
        """The run a message asked for, if it is recent enough to rerun on an edit."""
        run = self._runs.get(self._by_source.get(source_id, ""))
        if run is None or self._expired(run, EDIT_SECONDS):
            return None
        return run

    async def source_deleted(self, source_id: int) -> None:
        """The message that asked for a run is gone: its reply goes too."""
        run = self._runs.get(self._by_source.get(source_id, ""))
        if run is not None:
            self._forget(run)
            await run.surface.remove()

    # -- memory ----------------------------------------------------------------

    def _new_id(self) -> str:
        return f"{next(self._ids)}"

    def _remember(self, run: Run) -> Run:
        run.born = self.clock()
        while self._runs:
            oldest = next(iter(self._runs.values()))
            if len(self._runs) < MAX_REMEMBERED and not self._expired(oldest, KEEP_SECONDS):
                break
            self._forget(oldest)
        self._runs[run.id] = run
        if run.source_id is not None:
            self._by_source[run.source_id] = run.id
        return run

    def _forget(self, run: Run) -> None:
        self._runs.pop(run.id, None)
        if run.source_id is not None and self._by_source.get(run.source_id) == run.id:
            del self._by_source[run.source_id]

    def _expired(self, run: Run, seconds: float) -> bool:
        return self.clock() - run.born > seconds


@dataclasses.dataclass(frozen=True)
class _Keyed:
    """What discord.py's cooldown buckets key on: `.author` (BucketType.user)."""

    author: object


def queued_text(place: int) -> str:
    ahead = "next in line" if place == 1 else f"{place - 1} ahead"
    return f"⏳ Queued, {ahead}: every sandbox slot is busy. It starts by itself."


def _ready(snippet: Snippet) -> Read:
    """A Read for a snippet already in hand (a button's rerun)."""

    async def read() -> Snippet:
        return snippet

    return read
