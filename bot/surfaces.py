"""Where one run's reply lives, so a run can show "queued", then its result,
then a rerun's result in the same place, and be taken away.

A Surface is transport-neutral: on Discord it is one message (sent the first
time, edited afterwards); in the console, which cannot edit what it printed,
each change is printed anew.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Protocol

import discord

from bot.app import ActionView, AwaitBot
from bot.replies import Reply, discord_kwargs

log = logging.getLogger(__name__)


class Surface(Protocol):
    async def show(self, reply: Reply) -> None:
        """Show the reply: the first time as a new message, then in its place."""

    async def remove(self) -> None:
        """Take the reply away; later `show` calls do nothing."""

    def typing(self) -> AbstractAsyncContextManager:
        """Shown while the bot works on it."""


Send = Callable[..., Awaitable[discord.Message]]


class MessageSurface:
    """A Discord message: `send` posts it (a channel's send, or an interaction's
    follow-up with wait=True); edits and deletion go to that message."""

    def __init__(
        self, bot: AwaitBot, send: Send, typing: Callable[[], AbstractAsyncContextManager]
    ) -> None:
        self.bot = bot
        self.send = send
        self._typing = typing
        self.message: discord.Message | None = None
        self.view: ActionView | None = None
        self.removed = False

    def typing(self) -> AbstractAsyncContextManager:
        return self._typing()

    async def show(self, reply: Reply) -> None:
        if self.removed:
            return
        kwargs = discord_kwargs(reply)
        view = ActionView(self.bot, reply.buttons) if reply.buttons else None
        if self.view is not None:
            self.view.stop()  # its timeout must not strip the new buttons
        if self.message is None:
            if view is not None:
                kwargs["view"] = view
            self.message = await self.send(**kwargs)
        else:
            try:
                self.message = await self.message.edit(
                    content=kwargs["content"],
                    embed=kwargs.get("embed"),
                    attachments=kwargs.get("files", []),
                    view=view,
                )
            except discord.NotFound:  # deleted meanwhile (by a moderator, say): let it be
                self.removed = True
                if view is not None:
                    view.stop()
                return
        if view is not None:
            view.message = self.message
        self.view = view

    async def remove(self) -> None:
        self.removed = True
        if self.view is not None:
            self.view.stop()
        if self.message is not None:
            try:
                await self.message.delete()
            except discord.NotFound:
                pass  # someone was quicker
            except discord.HTTPException:
                log.warning("could not delete run reply %s", self.message.id)


class TextSurface:
    """The console's: every change is delivered (and printed) as a reply of its own."""

    def __init__(self, deliver: Callable[[Reply], Awaitable[None]]) -> None:
        self.deliver = deliver
        self.removed = False

    def typing(self) -> AbstractAsyncContextManager:
        return contextlib.nullcontext()

    async def show(self, reply: Reply) -> None:
        if not self.removed:
            await self.deliver(reply)

    async def remove(self) -> None:
        if not self.removed:
            self.removed = True
            await self.deliver(Reply("(The run's reply was deleted.)"))
