"""`!faq`: moderator-curated answers. A thin adapter over bot.faq.FaqStore."""

from __future__ import annotations

import secrets
import time

import discord
from discord import app_commands
from discord.ext import commands

from bot import errors
from bot.app import AwaitBot, Invocation
from bot.faq import FaqStore, Who, render
from bot.faq.models import GLOBAL
from bot.replies import Attachment, Button, Reply, shown
from cogs.faq.forms import FaqForm
from cogs.faq.perms import require_admin, require_moderator
from cogs.faq.transfer import MAX_IMPORT_BYTES, pack, plan_reply, unpack

IMPORT_TTL = 600  # seconds an import plan waits for its "apply" button
MAX_DAYS = 365


def guild_of(place) -> int:
    return place.guild.id if place.guild else GLOBAL


class Faq(commands.Cog):
    """Moderator-curated answers."""

    def __init__(self, bot: AwaitBot) -> None:
        self.bot = bot
        self.imports: dict[str, tuple[float, int, int, dict]] = {}
        bot.add_action("faq.show", self.press_show)
        bot.add_action("faq.list", self.press_list)
        bot.add_action("faq.create", self.press_create, form=self.create_form)
        bot.add_action("faq.alias", self.press_alias)
        bot.add_action("faq.import", self.press_import)

    @property
    def faqs(self) -> FaqStore:
        return self.bot.resources.faqs

    def namer(self, guild: discord.Guild | None):
        """How to show a user id in this guild: their name where we know it."""

        def name_of(user_id: int) -> str:
            if user_id == 0:
                return "awaitbot (shipped)"
            user = (guild and guild.get_member(user_id)) or self.bot.get_user(user_id)
            return user.display_name if user else f"user {user_id}"

        return name_of

    async def moderator(self, ctx) -> None:
        await require_moderator(self.bot, ctx.author, ctx.guild, ctx.channel, self.faqs)

    async def reply(self, ctx: commands.Context, reply: Reply) -> None:
        await self.bot.send_reply(ctx, reply)

    @property
    def prefix(self) -> str:
        return self.bot.settings.prefix

    # -- everyone ------------------------------------------------------------

    @commands.hybrid_group(name="faq", invoke_without_command=True, fallback="show")
    @app_commands.describe(query="An FAQ's name or alias, or a few words")
    async def faq(self, ctx: commands.Context, *, query: str = "") -> None:
        """Show an FAQ by name, alias or a few words.

        `{prefix}faq blocking calls` finds the FAQ about blocking calls; alone, it
        lists the FAQs."""
        if not query.strip():
            page = await self.faqs.list_page(guild_of(ctx))
            await self.reply(ctx, render.page_reply(page, prefix=self.prefix))
            return
        who = Who(ctx.author.id, ctx.channel.id if ctx.channel else 0)
        await self.reply(ctx, await self.bot.resources.knowledge.faq(guild_of(ctx), query, who))

    @faq.command(name="list")
    @app_commands.describe(page="Page number")
    async def list_(self, ctx: commands.Context, page: int = 1) -> None:
        """List the FAQs, a page at a time."""
        listed = await self.faqs.list_page(guild_of(ctx), page)
        await self.reply(ctx, render.page_reply(listed, prefix=self.prefix))

    @faq.command()
    @app_commands.describe(words="Words to look for in names, titles and answers")
    async def search(self, ctx: commands.Context, *, words: str) -> None:
        """Search the FAQs' names, titles and answers."""
        items = await self.faqs.search(guild_of(ctx), words)
        await self.reply(ctx, render.search_reply(words, items))

    @faq.command()
    async def info(self, ctx: commands.Context, name: str) -> None:
        """Who wrote an FAQ, when it last changed, how often it is used."""
        info = await self.faqs.info(guild_of(ctx), name)
        await self.reply(ctx, render.info_reply(info, self.namer(ctx.guild)))

    # -- moderators: writing -------------------------------------------------

    @faq.command()
    @app_commands.describe(name="Letters, digits, - and _", content="The answer (or use the form)")
    async def add(self, ctx: commands.Context, name: str, *, content: str | None = None) -> None:
        """Add an FAQ (moderators). /faq add opens a form."""
        await self.moderator(ctx)
        if content is None and ctx.interaction:
            await ctx.interaction.response.send_modal(FaqForm(self, name, None))
            return
        if not content:
            raise errors.InvalidInput(
                f"What should `{name[:64]}` say? `{self.prefix}faq add <name> <answer>`"
            )
        entry = await self.faqs.add(ctx.guild.id, name, content, ctx.author.id)
        await self.reply(ctx, Reply(f"Added FAQ `{entry.name}`.", meta={"faq": entry.name}))

    @faq.command()
    async def edit(self, ctx: commands.Context, name: str, *, content: str | None = None) -> None:
        """Replace an FAQ's answer (moderators). /faq edit opens a form."""
        await self.moderator(ctx)
        if content is None and ctx.interaction:
            entry = await self.faqs.get(ctx.guild.id, name)
            await ctx.interaction.response.send_modal(FaqForm(self, entry.name, entry))
            return
        if not content:
            raise errors.InvalidInput(
                f"Give the new answer: `{self.prefix}faq edit <name> <answer>`"
            )
        entry = await self.faqs.edit(ctx.guild.id, name, content, ctx.author.id)
        await self.reply(ctx, Reply(f"Updated `{entry.name}` (revision {entry.revision})."))

    @faq.command()
    async def rename(self, ctx: commands.Context, name: str, new_name: str) -> None:
        """Rename an FAQ, keeping its history and stats (moderators)."""
        await self.moderator(ctx)
        entry = await self.faqs.rename(ctx.guild.id, name, new_name, ctx.author.id)
        await self.reply(ctx, Reply(f"Renamed to `{entry.name}`.", meta={"faq": entry.name}))

    @faq.group(name="alias", invoke_without_command=True)
    async def alias(self, ctx: commands.Context) -> None:
        """Add or remove another name for an FAQ (moderators)."""
        await self.reply(
            ctx, Reply(f"Use `{self.prefix}faq alias add <name> <alias>` or `... remove`.")
        )

    @alias.command(name="add")
    async def alias_add(self, ctx: commands.Context, name: str, alias: str) -> None:
        """Give an FAQ another name (moderators)."""
        await self.moderator(ctx)
        entry = await self.faqs.alias_add(ctx.guild.id, name, alias, ctx.author.id)
        await self.reply(ctx, Reply(f"`{entry.name}` is also `{alias.lower()[:64]}` now."))

    @alias.command(name="remove")
    async def alias_remove(self, ctx: commands.Context, name: str, alias: str) -> None:
        """Take an alias away from an FAQ (moderators)."""
        await self.moderator(ctx)
        entry = await self.faqs.alias_remove(ctx.guild.id, name, alias, ctx.author.id)
        names = ", ".join(entry.aliases) or "none"
        await self.reply(ctx, Reply(f"Removed. Aliases of `{entry.name}`: {names}."))

    @faq.command()
    async def remove(self, ctx: commands.Context, name: str, *, reason: str | None = None) -> None:
        """Remove an FAQ; `faq restore` brings it back (moderators)."""
        await self.moderator(ctx)
        entry = await self.faqs.remove(ctx.guild.id, name, ctx.author.id, reason)
        await self.reply(
            ctx,
            Reply(f"Removed `{entry.name}`. `{self.prefix}faq restore {entry.name}` undoes it."),
        )

    @faq.command()
    async def restore(self, ctx: commands.Context, name: str, *, reason: str | None = None) -> None:
        """Bring back a removed FAQ (moderators)."""
        await self.moderator(ctx)
        entry = await self.faqs.restore(ctx.guild.id, name, ctx.author.id, reason)
        await self.reply(ctx, Reply(f"Restored `{entry.name}`.", meta={"faq": entry.name}))

    @faq.command()
    async def history(self, ctx: commands.Context, name: str) -> None:
        """Every change to an FAQ: who, when, why (moderators)."""
        await self.moderator(ctx)
        revisions = await self.faqs.history(ctx.guild.id, name)
        history = render.history_reply(name, revisions, self.namer(ctx.guild), prefix=self.prefix)
        await self.reply(ctx, history)

    @faq.command()
    async def revert(
        self, ctx: commands.Context, name: str, revision: int, *, reason: str | None = None
    ) -> None:
        """Bring back the text an FAQ had at an earlier revision (moderators)."""
        await self.moderator(ctx)
        entry = await self.faqs.revert(ctx.guild.id, name, revision, ctx.author.id, reason)
        await self.reply(ctx, Reply(f"`{entry.name}` is back to revision {revision}'s text."))

    # -- moderators: import, export, reports ---------------------------------

    @faq.command(name="import")
    @app_commands.describe(file="A .json export, a .md file with front matter, or a .zip of them")
    async def import_(self, ctx: commands.Context, file: discord.Attachment | None = None) -> None:
        """Import FAQs from attached files; shows what would change first (moderators)."""
        await self.moderator(ctx)
        files = [file] if file else list(ctx.message.attachments if ctx.message else [])
        payload = await self.read_import(files)
        plan = await self.plan_import(ctx.guild.id, ctx.author.id, payload, dry_run=True)
        token = secrets.token_hex(6)
        self.imports[token] = (time.monotonic(), ctx.guild.id, ctx.author.id, payload)
        reply = plan_reply(plan, applied=False)
        if plan.created or plan.changed:
            reply = Reply(reply.content, buttons=(Button("Apply import", "faq.import", (token,)),))
        await self.reply(ctx, reply)

    async def read_import(self, files: list[discord.Attachment]) -> dict:
        if not files:
            raise errors.InvalidInput("Attach a .json export, .md files or a .zip of them.")
        texts: dict[str, str] = {}
        for attachment in files:
            if attachment.size > MAX_IMPORT_BYTES:
                raise errors.InvalidInput(f"`{attachment.filename}` is larger than 1 MB.")
            data = await attachment.read()
            texts.update(unpack(attachment.filename, data))
        if any(name.endswith(".json") for name in texts):
            if len(texts) > 1:
                raise errors.InvalidInput("Import one .json file at a time.")
            return {"json": next(iter(texts.values()))}
        return {"markdown": texts}

    async def plan_import(self, guild_id: int, actor: int, payload: dict, *, dry_run: bool):
        if "json" in payload:
            return await self.faqs.import_json(guild_id, payload["json"], actor, dry_run=dry_run)
        return await self.faqs.import_markdown(
            guild_id, payload["markdown"], actor, dry_run=dry_run
        )

    @faq.command()
    @app_commands.describe(fmt="json (default) or markdown (a .zip of .md files)")
    async def export(self, ctx: commands.Context, fmt: str = "json") -> None:
        """Export this server's FAQs as JSON or markdown files (moderators)."""
        await self.moderator(ctx)
        if fmt.lower() not in ("json", "markdown", "md"):
            raise errors.InvalidInput("Export as `json` or `markdown`.")
        if fmt.lower() == "json":
            text = await self.faqs.export_json(ctx.guild.id)
            attachment = Attachment("faq-export.json", text.encode())
        else:
            files = await self.faqs.export_markdown(ctx.guild.id)
            attachment = Attachment("faq-export.zip", pack(files))
        await self.reply(ctx, Reply("This server's FAQs:", attachments=(attachment,)))

    @faq.command()
    async def stats(self, ctx: commands.Context, days: int = 30) -> None:
        """Lookups, hit rate, top entries and top queries (moderators)."""
        await self.moderator(ctx)
        async with ctx.typing():
            stats = await self.faqs.stats(ctx.guild.id, check_days(days))
        await self.reply(ctx, render.stats_reply(stats))

    @faq.command()
    async def misses(self, ctx: commands.Context, days: int = 30) -> None:
        """Questions that found no FAQ, grouped by wording (moderators)."""
        await self.moderator(ctx)
        async with ctx.typing():
            groups = await self.faqs.misses(ctx.guild.id, check_days(days))
            targets = {}
            for group in groups[: render.MAX_BUTTONS]:
                found = await self.faqs.search(ctx.guild.id, group.example, limit=1)
                if found:
                    targets[group.example] = found[0].name
        await self.reply(ctx, render.misses_reply(days, groups, targets))

    # -- administrators: who moderates ---------------------------------------

    @faq.group(name="modrole", invoke_without_command=True)
    async def modrole(self, ctx: commands.Context) -> None:
        """Roles whose members moderate FAQs (administrators)."""
        await self.modrole_list(ctx)

    @modrole.command(name="add")
    async def modrole_add(self, ctx: commands.Context, role: discord.Role) -> None:
        """Let a role moderate FAQs (administrators)."""
        await require_admin(self.bot, ctx.author, ctx.guild)
        await self.faqs.modrole_add(ctx.guild.id, role.id, ctx.author.id)
        await self.reply(ctx, Reply(f"Members of {shown(role.name)} can now moderate FAQs."))

    @modrole.command(name="remove")
    async def modrole_remove(self, ctx: commands.Context, role: discord.Role) -> None:
        """Stop a role from moderating FAQs (administrators)."""
        await require_admin(self.bot, ctx.author, ctx.guild)
        await self.faqs.modrole_remove(ctx.guild.id, role.id, ctx.author.id)
        await self.reply(ctx, Reply(f"{shown(role.name)} no longer moderates FAQs."))

    @modrole.command(name="list")
    async def modrole_list(self, ctx: commands.Context) -> None:
        """Show the FAQ moderator roles."""
        if ctx.guild is None:
            raise errors.Forbidden("Moderator roles belong to a server; use this in one.")
        ids = await self.faqs.modrole_list(ctx.guild.id)
        names = [shown(r.name) if (r := ctx.guild.get_role(i)) else f"role {i}" for i in ids]
        text = ", ".join(names) if names else "none: anyone with Manage Messages moderates"
        await self.reply(ctx, Reply(f"FAQ moderator roles: {text}."))

    # -- buttons ---------------------------------------------------------------

    async def press_show(self, who: Invocation, name: str) -> Reply:
        channel_id = getattr(who.channel, "id", 0)
        knowledge = self.bot.resources.knowledge
        return await knowledge.faq(guild_of(who), name, Who(who.author.id, channel_id))

    async def press_list(self, who: Invocation, page: str) -> Reply:
        listed = await self.faqs.list_page(guild_of(who), int(page))
        return render.page_reply(listed, prefix=self.prefix)

    async def press_create(self, who: Invocation, example: str) -> Reply:
        await require_moderator(self.bot, who.author, who.guild, who.channel, self.faqs)
        name = render.alias_for(example) or "new-faq"
        return Reply(f"Create it with `{self.prefix}faq add {name} <the answer>`.", ephemeral=True)

    async def create_form(self, who: Invocation, example: str) -> FaqForm:
        await require_moderator(self.bot, who.author, who.guild, who.channel, self.faqs)
        return FaqForm(self, render.alias_for(example) or "new-faq", None)

    async def press_alias(self, who: Invocation, target: str, alias: str) -> Reply:
        await require_moderator(self.bot, who.author, who.guild, who.channel, self.faqs)
        entry = await self.faqs.alias_add(who.guild.id, target, alias, who.author.id)
        return Reply(f"`{alias}` now leads to `{entry.name}`.")

    async def press_import(self, who: Invocation, token: str) -> Reply:
        await require_moderator(self.bot, who.author, who.guild, who.channel, self.faqs)
        started, guild_id, actor, payload = self.imports.get(token, (0.0, 0, 0, {}))
        if not payload or time.monotonic() - started > IMPORT_TTL:
            raise errors.NotFound(f"That import has expired; run `{self.prefix}faq import` again.")
        if guild_id != who.guild.id or actor != who.author.id:
            raise errors.Forbidden("Only the moderator who started this import can apply it.")
        del self.imports[token]
        plan = await self.plan_import(guild_id, actor, payload, dry_run=False)
        return plan_reply(plan, applied=True)


def check_days(days: int) -> int:
    if not 1 <= days <= MAX_DAYS:
        raise errors.InvalidInput(f"Pick between 1 and {MAX_DAYS} days.")
    return days


async def setup(bot: AwaitBot) -> None:
    await bot.add_cog(Faq(bot))
