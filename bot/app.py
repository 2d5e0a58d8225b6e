"""The bot: a commands.Bot subclass that knows its resources and replies, and its
sharded twin that `python -m bot run` connects to Discord."""

from __future__ import annotations

import asyncio
import logging
import pkgutil
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

import discord
from discord.ext import commands

import cogs
from bot import errors
from bot.config import Settings
from bot.replies import Button, Reply, discord_kwargs
from bot.resources import Resources

log = logging.getLogger(__name__)

# Never let a reply ping @everyone, @here or a role, whatever its text says.
SAFE_MENTIONS = discord.AllowedMentions(everyone=False, roles=False, users=True, replied_user=False)
BUTTON_TIMEOUT = 600  # seconds a reply's buttons stay usable
SHUTDOWN_GRACE = 20.0  # seconds running commands get to answer at shutdown


def pending_handlers() -> set[asyncio.Task]:
    """discord.py's tasks running commands and events right now (not this one)."""
    me = asyncio.current_task()
    return {
        task
        for task in asyncio.all_tasks()
        if task is not me
        and not task.done()
        and (
            task.get_name().startswith("discord.py: on_")
            or task.get_name() == "CommandTree-invoker"
        )
    }


@dataclass(frozen=True)
class Invocation:
    """Who pressed a button, and where."""

    author: discord.abc.User
    guild: discord.Guild | None
    channel: discord.abc.Messageable | None


Action = Callable[..., Awaitable[Reply]]
# A form opens a Discord modal instead of answering; offline its action answers.
Form = Callable[..., Awaitable[discord.ui.Modal]]


class Transport(Protocol):
    """Where replies go when the bot is not connected to Discord."""

    async def deliver(self, ctx: commands.Context | None, reply: Reply) -> None: ...


# The bot never joins voice; don't warn at every start that voice is missing.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False


class AwaitBot(commands.Bot):
    """The bot on one gateway connection: what the console, `send` and the tests
    drive (dpytest refuses sharded clients). Discord mode uses ShardedAwaitBot."""

    def __init__(
        self,
        settings: Settings,
        resources: Resources,
        *,
        transport: Transport | None = None,
        owner_ids: frozenset[int] = frozenset(),
        **options,
    ) -> None:
        intents = discord.Intents.default()
        intents.message_content = True  # prefix commands read message text
        owners = set(settings.owner_ids | owner_ids)
        super().__init__(
            command_prefix=commands.when_mentioned_or(settings.prefix),
            intents=intents,
            help_command=None,  # cogs/admin.py provides a hybrid !help and /help
            allowed_mentions=SAFE_MENTIONS,
            owner_ids=owners or None,
            case_insensitive=True,
            strip_after_prefix=True,
            **options,
        )
        self.settings = settings
        self.resources = resources
        self.transport = transport
        self.started = time.monotonic()
        self.actions: dict[str, Action] = {}
        self.forms: dict[str, Form] = {}
        self.in_place: set[str] = set()  # actions that change the pressed reply itself
        self.failed_extensions: dict[str, str] = {}
        self.stopping = False

    @property
    def offline(self) -> bool:
        return self.transport is not None

    async def setup_hook(self) -> None:
        await self.load_cogs()
        guild_id = self.settings.dev_guild_id
        if guild_id and not self.offline:
            # Syncing to one guild is instant; global sync is the owner's !sync.
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            try:
                synced = await self.tree.sync(guild=guild)
            except discord.HTTPException as exc:
                # Not in that guild, or no applications.commands scope there: the
                # text commands still work, so stay online and say what to fix.
                log.warning(
                    "could not sync slash commands to AWAITBOT_DEV_GUILD_ID %s (%s); "
                    "is the bot in that server, invited with applications.commands? "
                    "Staying online without them there.",
                    guild_id,
                    exc,
                )
            else:
                log.info("synced %d slash commands to dev guild %s", len(synced), guild_id)

    async def load_cogs(self) -> None:
        for module in pkgutil.iter_modules(cogs.__path__, prefix="cogs."):
            try:
                await self.load_extension(module.name)
            except Exception as exc:
                # One broken cog must not take the others down with it.
                self.failed_extensions[module.name] = f"{type(exc).__name__}: {exc}"
                log.exception("could not load extension %s", module.name)
            else:
                log.debug("loaded extension %s", module.name)

    async def process_commands(self, message: discord.Message) -> None:
        if not self.stopping:
            await super().process_commands(message)

    async def shutdown(self, grace: float = SHUTDOWN_GRACE) -> None:
        """Take no new commands, let running ones answer, then disconnect."""
        self.stopping = True
        running = pending_handlers()
        if running:
            log.info("waiting for %d running command(s) to answer", len(running))
            _, late = await asyncio.wait(running, timeout=grace)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
        await self.close()

    # -- replying ----------------------------------------------------------

    async def send_reply(self, ctx: commands.Context, reply: Reply) -> None:
        if self.transport is not None:
            await self.transport.deliver(ctx, reply)
            return
        kwargs = discord_kwargs(reply)
        view = ActionView(self, reply.buttons) if reply.buttons else None
        if view is not None:
            kwargs["view"] = view
        if ctx.interaction is not None:
            kwargs["ephemeral"] = reply.ephemeral
        message = await ctx.send(**kwargs)
        if view is not None:
            view.message = message

    def add_action(
        self, name: str, action: Action, form: Form | None = None, *, in_place: bool = False
    ) -> None:
        """`action(who, *args)` answers a button press with a Reply. An `in_place`
        action changes the reply that holds the button itself and answers None,
        or a Reply (ephemeral) only to say why it did not."""
        self.actions[name] = action
        if form is not None:
            self.forms[name] = form
        if in_place:
            self.in_place.add(name)

    async def press(self, who: Invocation, button: Button, *, forms: bool = False):
        """Run a button's action (or, on Discord, open its form if it has one).

        Errors become replies, as for commands. Returns a Reply, a Modal when
        `forms` is true and the button has a form, or None when an in-place
        action has changed the reply itself.
        """
        action = self.forms.get(button.action) if forms else None
        action = action or self.actions.get(button.action)
        if action is None:
            return Reply("That button no longer works; run the command again.", ephemeral=True)
        return await self.answer(action(who, *button.args), f"button {button.action}")

    async def answer(self, work: Awaitable, where: str):
        """Await work done outside a command (buttons, forms); errors become replies.

        Commands get this from the error cog; a button or a form has no
        command context, so it comes here instead.
        """
        try:
            return await work
        except errors.UserError as exc:
            return Reply(exc.message, ephemeral=True)
        except Exception as exc:
            return self.incident(exc, where)

    def incident(self, exc: BaseException, where: str) -> Reply:
        """Log an unexpected error with its traceback; tell the user only an id."""
        error_id = secrets.token_hex(4)
        log.error("error %s in %s", error_id, where, exc_info=exc)
        return Reply(
            f"Sorry, something went wrong on my side (error id `{error_id}`). "
            "The bot's owner can find the details in the log.",
            ephemeral=True,
            meta={"error_id": error_id},
        )

    def uptime(self) -> float:
        return time.monotonic() - self.started


class ShardedAwaitBot(AwaitBot, commands.AutoShardedBot):
    """AwaitBot over gateway shards: as many as settings.shard_count says (None:
    as many as Discord recommends), and of those the ones in settings.shard_ids
    (all when empty), so a bigger deployment is a matter of settings."""

    def __init__(self, settings: Settings, resources: Resources, **options) -> None:
        if settings.shard_ids:
            options["shard_ids"] = list(settings.shard_ids)
        super().__init__(settings, resources, shard_count=settings.shard_count, **options)


class ActionView(discord.ui.View):
    """Discord buttons for a reply; each one runs its registered action."""

    def __init__(self, bot: AwaitBot, buttons: tuple[Button, ...]) -> None:
        super().__init__(timeout=BUTTON_TIMEOUT)
        self.message: discord.Message | None = None  # set once the reply is sent
        for button in buttons[:25]:
            self.add_item(_ActionButton(bot, button))

    async def on_timeout(self) -> None:
        """Expired buttons would only fail: take them off the reply."""
        if self.message is not None:
            try:
                await self.message.edit(view=None)
            except discord.HTTPException:
                log.debug("could not take expired buttons off message %s", self.message.id)


class _ActionButton(discord.ui.Button):
    def __init__(self, bot: AwaitBot, button: Button) -> None:
        super().__init__(label=button.label[:80], style=discord.ButtonStyle.secondary)
        self.bot = bot
        self.spec = button

    async def callback(self, interaction: discord.Interaction) -> None:
        who = Invocation(interaction.user, interaction.guild, interaction.channel)
        if self.spec.action in self.bot.in_place:
            # The action edits (or deletes) this reply itself, maybe after a run.
            await interaction.response.defer()
            reply = await self.bot.press(who, self.spec)
            if reply is not None:
                await interaction.followup.send(ephemeral=True, **discord_kwargs(reply))
            return
        reply = await self.bot.press(who, self.spec, forms=True)
        if isinstance(reply, discord.ui.Modal):
            await interaction.response.send_modal(reply)
            return
        kwargs = discord_kwargs(reply)
        if reply.buttons:
            kwargs["view"] = ActionView(self.bot, reply.buttons)
        await interaction.response.send_message(ephemeral=reply.ephemeral, **kwargs)
