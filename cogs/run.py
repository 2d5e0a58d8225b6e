"""`!run` and `/run`: run a snippet in the sandbox and show its output."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot import errors
from bot.app import AwaitBot
from bot.replies import Reply, discord_kwargs
from bot.runs import Options, Snippet, parse_pythons, parse_snippet, run_snippet
from bot.sandbox.interpreters import SUPPORTED

RUN_COOLDOWN = (5, 60.0)  # runs per seconds, per user


def run_cooldown(ctx: commands.Context) -> commands.Cooldown | None:
    # Owners (and you, in the console) try things out a lot; everyone else waits.
    if ctx.author.id in (ctx.bot.owner_ids or ()):
        return None
    return commands.Cooldown(*RUN_COOLDOWN)


MODAL_MAX = 4000  # Discord's limit for a text input
ATTACHMENT_SUFFIXES = (".py", ".txt")


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
        await self.cog.run_for(interaction, self.code.value, self.options, self.stdin.value)


class Run(commands.Cog):
    """Run Python in the sandbox."""

    def __init__(self, bot: AwaitBot) -> None:
        self.bot = bot
        bot.add_action("run.timeline", self.press_timeline)

    async def press_timeline(
        self, who, code: str, mode: str, pythons: str, fast: str, stdin: str = ""
    ) -> Reply:
        """The Timeline button: the same code again, with its timeline drawn."""
        options = Options(mode, parse_pythons(pythons) if pythons else (), bool(fast), "dark")
        return await self.run(Snippet(code, *options, stdin=stdin))

    @property
    def max_bytes(self) -> int:
        return self.bot.resources.limits.source_bytes

    async def run_for(
        self, interaction: discord.Interaction, code: str, options: Options, stdin: str = ""
    ) -> None:
        """/run and its form: think while the sandbox runs, then follow up."""
        await interaction.response.defer(thinking=True)

        async def work() -> Reply:
            snippet = parse_snippet(code, self.max_bytes)
            given = stdin or snippet.stdin
            return await self.run(Snippet(snippet.code, *options, stdin=given))

        reply = await self.bot.answer(work(), "/run")
        await interaction.followup.send(**discord_kwargs(reply))

    async def run(self, snippet: Snippet) -> Reply:
        resources = self.bot.resources
        return await run_snippet(resources.sandbox, snippet, resources.limits, resources.python)

    async def _attached_code(self, ctx: commands.Context) -> str | None:
        attachments = ctx.message.attachments if ctx.message else []
        for attachment in attachments:
            if attachment.filename.lower().endswith(ATTACHMENT_SUFFIXES):
                if attachment.size > self.max_bytes:
                    raise errors.InvalidInput(
                        f"`{attachment.filename}` is {attachment.size:,} bytes; "
                        f"the sandbox takes at most {self.max_bytes:,}."
                    )
                return (await attachment.read()).decode("utf-8", "replace")
        return None

    @commands.command(name="run", aliases=["eval", "exec"])
    @commands.dynamic_cooldown(run_cooldown, commands.BucketType.user)
    @commands.max_concurrency(1, commands.BucketType.user, wait=False)
    async def run_command(self, ctx: commands.Context, *, code: str = "") -> None:
        """Run Python (asyncio welcome) in the sandbox: !run ```py ...```.

        The code runs like `python3 snippet.py`: use asyncio.run(main()) for
        async code. Start with --repl to allow top-level await, as in
        `python -m asyncio`; with --py 3.13 to pick a Python, or --py 3.11,3.13
        (or --py all) to compare them; with --fast for virtual time (sleeps take
        no real time). A .py file attached to the message works too.
        """
        if not code.strip():
            code = await self._attached_code(ctx) or ""
        snippet = parse_snippet(code, self.max_bytes)
        async with ctx.typing():
            reply = await self.run(snippet)
        await self.bot.send_reply(ctx, reply)

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
    @app_commands.checks.cooldown(*RUN_COOLDOWN, key=lambda i: i.user.id)
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
        await self.run_for(interaction, code, options)


async def setup(bot: AwaitBot) -> None:
    await bot.add_cog(Run(bot))
