"""`!run`, `/run` and the "Run code" menu: a thin adapter over bot.runservice.

Each entry turns Discord's input into who asks, where the reply goes (a
Surface) and how to read the snippet; the service does the rest, the same way
for all of them and for the console.
"""

from __future__ import annotations

import contextlib

import discord
from discord import app_commands
from discord.ext import commands

from bot import errors, runchannels
from bot.app import AwaitBot, Invocation
from bot.moderators import is_moderator
from bot.replies import Reply
from bot.runservice import AGAIN, DELETE, REPL, RunService
from bot.sandbox.interpreters import SUPPORTED
from bot.snippets import Options, Snippet, code_in, from_message, parse_pythons, parse_snippet
from bot.surfaces import MessageSurface, TextSurface

MODAL_MAX = 4000  # Discord's limit for a text input
# /run and the menu work wherever a person can use the app, with or without the bot there.
EVERYWHERE = {"guilds": True, "dms": True, "private_channels": True}


class CodeModal(discord.ui.Modal, title="Run Python"):
    code = discord.ui.TextInput(
        label="Code", style=discord.TextStyle.paragraph, max_length=MODAL_MAX
    )
    stdin = discord.ui.TextInput(
        label="Input (what input() reads, one line per call)",
        style=discord.TextStyle.paragraph,
        max_length=MODAL_MAX,
        required=False,
    )

    def __init__(self, cog: Run, options: Options, code: str = "") -> None:
        super().__init__()
        self.cog = cog
        self.options = options
        self.code.default = code[:MODAL_MAX] or None  # e.g. a topic's demo, to change

    async def on_submit(self, interaction: discord.Interaction) -> None:
        code, stdin, options = self.code.value, self.stdin.value, self.options

        async def read() -> Snippet:
            snippet = parse_snippet(code, self.cog.service.max_bytes)
            return Snippet(snippet.code, *options, stdin=stdin or snippet.stdin)

        await self.cog.run_for(interaction, read)


class Run(commands.Cog):
    """Run Python in the sandbox."""

    def __init__(self, bot: AwaitBot) -> None:
        self.bot = bot
        self.service = RunService(
            bot.resources,
            owners=lambda: {*(bot.owner_ids or ()), *filter(None, [bot.owner_id])},
            moderator=self.is_moderator,
            prefix=bot.settings.prefix,
        )
        self.menu = app_commands.ContextMenu(
            name="Run code",
            callback=self.run_message,
            allowed_contexts=app_commands.AppCommandContext(
                guild=True, dm_channel=True, private_channel=True
            ),
            allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
        )
        bot.add_action("run.timeline", self.press_timeline)
        for action in (AGAIN, DELETE, REPL):
            bot.add_action(action, self.press_run_button(action), in_place=True)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    async def is_moderator(self, who: Invocation) -> bool:
        faqs = self.bot.resources.faqs
        return await is_moderator(self.bot, who.author, who.guild, who.channel, faqs)

    def surface(self, ctx: commands.Context):
        if self.bot.transport is not None:
            return TextSurface(lambda reply: self.bot.transport.deliver(ctx, reply))
        return MessageSurface(self.bot, ctx.send, ctx.typing)

    # -- !run ------------------------------------------------------------------

    @commands.group(name="run", aliases=["eval", "exec"], invoke_without_command=True)
    async def run_command(self, ctx: commands.Context, *, code: str = "") -> None:
        """Run Python (asyncio welcome) in the sandbox.

        `{prefix}run` followed by the code, best in a ```py block. The code runs
        like `python3 snippet.py`: use asyncio.run(main()) for async code. Text
        after the code block is what input() reads. Start with --repl to allow
        top-level await, as in `python -m asyncio`; with --py 3.13 to pick a
        Python, or --py 3.11,3.13 (or --py all) to compare them; with --fast for
        virtual time (sleeps take no real time). A .py file attached to the
        message works too, and so does replying with `{prefix}run` to a message
        that holds code. Edit your message within a minute to run it again.
        """
        message = ctx.message

        async def read() -> Snippet:
            return await from_message(message, code, self.service.max_bytes)

        who = Invocation(ctx.author, ctx.guild, ctx.channel)
        await self.service.run(who, self.surface(ctx), read, source_id=message.id)

    @run_command.command(name="channels")
    async def channels(self, ctx: commands.Context, *, text: str = "") -> None:
        """Where code runs here: list the channels, or add and remove them (moderators).

        `{prefix}run channels list | add #channel... | remove #channel...`; with no
        channel named, this one."""
        action, _, names = text.partition(" ")
        if action.lower() not in ("", "list", "add", "remove"):
            # `!run channels = 3` is code that happens to start with the word.
            await self.run_command(ctx, code=f"channels {text}")
            return
        targets = [
            await commands.GuildChannelConverter().convert(ctx, name) for name in names.split()
        ]
        who = Invocation(ctx.author, ctx.guild, ctx.channel)
        service = self.service
        reply = await runchannels.manage(
            service.channels,
            who,
            action.lower() or "list",
            targets,
            service.moderator,
            self.bot.settings.prefix,
        )
        await self.bot.send_reply(ctx, reply)

    @commands.Cog.listener()
    async def on_message_edit(self, before: discord.Message, after: discord.Message) -> None:
        """A `!run` edited soon after it was sent runs again, its reply edited in place."""
        if before.content == after.content and before.attachments == after.attachments:
            return  # an embed appeared, or a pin: nothing to run again
        if after.author.bot or self.service.rerunnable(after.id) is None:
            return
        ctx = await self.bot.get_context(after)
        if ctx.command is self.run_command and not ctx.invoked_subcommand:
            await self.bot.invoke(ctx)

    @commands.Cog.listener()
    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        await self.service.source_deleted(payload.message_id)

    # -- buttons -----------------------------------------------------------------

    def press_run_button(self, action: str):
        async def press(who: Invocation, run_id: str) -> Reply | None:
            return await self.service.press(who, run_id, action)

        return press

    async def press_timeline(
        self, who, code: str, mode: str, pythons: str, fast: str, stdin: str = ""
    ) -> Reply:
        """The Timeline button: the same code again, with its timeline drawn."""
        options = Options(mode, parse_pythons(pythons) if pythons else (), bool(fast), "dark")
        return await self.service.once(who, Snippet(code, *options, stdin=stdin))

    # -- /run, its form and the right-click menu ----------------------------------

    async def run_for(self, interaction: discord.Interaction, read) -> None:
        """Interactions: admitted before thinking (a refusal is for the asker only),
        then the reply follows up and is edited in place like any other."""
        who = Invocation(interaction.user, interaction.guild, interaction.channel)
        try:
            turn = await self.service.admit(who)
        except errors.UserError as exc:
            await interaction.response.send_message(exc.message, ephemeral=True)
            return
        try:
            await interaction.response.defer(thinking=True)
        except BaseException:
            turn.release()
            raise
        send = lambda **kwargs: interaction.followup.send(wait=True, **kwargs)  # noqa: E731
        surface = MessageSurface(self.bot, send, contextlib.nullcontext)
        await self.service.run(who, surface, read, turn=turn)

    @app_commands.command(name="run", description="Run Python (asyncio welcome) in the sandbox")
    @app_commands.describe(
        code="One line of code; leave empty to type several lines in a form",
        mode="script runs like python3 file.py; repl allows top-level await",
        version="The Python to run on, or all of them to compare",
        fast="Virtual time: sleeps take no real time (clocks still agree)",
        timeline="Answer with a picture of which task ran when",
    )
    @app_commands.choices(
        mode=[app_commands.Choice(name=m, value=m) for m in ("script", "repl")],
        version=[app_commands.Choice(name=v, value=v) for v in (*SUPPORTED, "all")],
    )
    @app_commands.allowed_installs(guilds=True, users=True)
    @app_commands.allowed_contexts(**EVERYWHERE)
    async def run_slash(
        self,
        interaction: discord.Interaction,
        code: str | None = None,
        mode: app_commands.Choice[str] | None = None,
        version: app_commands.Choice[str] | None = None,
        fast: bool = False,
        timeline: bool = False,
    ) -> None:
        options = Options(
            mode.value if mode else "script",
            parse_pythons(version.value) if version else (),
            fast,
            "dark" if timeline else "",
        )
        if not code:
            await interaction.response.send_modal(CodeModal(self, options))
            return

        async def read() -> Snippet:
            snippet = parse_snippet(code, self.service.max_bytes)
            return Snippet(snippet.code, *options, stdin=snippet.stdin)

        await self.run_for(interaction, read)

    async def run_message(self, interaction: discord.Interaction, message: discord.Message):
        """Right-click a message, Apps, Run code: its code block or attached file runs."""
        max_bytes = self.service.max_bytes
        await self.run_for(interaction, lambda: code_in(message, max_bytes))


async def setup(bot: AwaitBot) -> None:
    await bot.add_cog(Run(bot))
