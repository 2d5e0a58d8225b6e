"""Replies for FAQ results: plain functions from store objects to Reply."""

from __future__ import annotations

import difflib
import re
from datetime import UTC, datetime

from bot.faq import Entry, Info, LookupResult, MissGroup, Page, Revision, Stats, Summary
from bot.replies import Button, Embed, EmbedField, Reply, shown

ALIAS_CHARS = re.compile(r"[^a-z0-9_-]+")
MAX_BUTTONS = 5


def when(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")


def entry_reply(entry: Entry, note: str = "", *, prefix: str) -> Reply:
    footer = f"{prefix}faq {entry.name}"
    if entry.aliases:
        footer += " · also " + ", ".join(entry.aliases)
    if note:
        footer = f"{note} · {footer}"
    embed = Embed(title=entry.title or entry.name, description=entry.content, footer=footer)
    return Reply(embed=embed, meta={"faq": entry.name})


def lookup_reply(result: LookupResult, query: str, *, prefix: str) -> Reply:
    if result.entry is not None:
        note = "" if result.kind in ("exact", "alias") else f"best match for {shown(query)}"
        reply = entry_reply(result.entry, note, prefix=prefix)
        return Reply(embed=reply.embed, meta={**reply.meta, "match": result.kind})
    buttons = tuple(Button(name, "faq.show", (name,)) for name in result.suggestions[:3])
    text = f"No FAQ matches {shown(query)}."
    if buttons:
        text += " Did you mean one of these?"
    text += f" Moderators can add one with `{prefix}faq add <name> <content>`."
    return Reply(
        text,
        buttons=buttons,
        meta={"faq": None, "match": "miss", "alternatives": list(result.suggestions)},
    )


def summary_line(item: Summary) -> str:
    mark = " *(default)*" if item.is_default else ""
    return f"`{item.name}` — {item.title or '(untitled)'}{mark}"


def page_reply(page: Page, *, prefix: str) -> Reply:
    if not page.items:
        return Reply(f"There are no FAQs here yet. Moderators can add one with `{prefix}faq add`.")
    buttons = []
    if page.page > 1:
        buttons.append(Button("◀ Previous", "faq.list", (str(page.page - 1),)))
    if page.page < page.pages:
        buttons.append(Button("Next ▶", "faq.list", (str(page.page + 1),)))
    embed = Embed(
        title=f"FAQs ({page.total})",
        description="\n".join(summary_line(i) for i in page.items),
        footer=f"page {page.page} of {page.pages} · {prefix}faq <name> shows one",
    )
    return Reply(embed=embed, buttons=tuple(buttons), meta={"page": page.page})


def search_reply(query: str, items: list[Summary]) -> Reply:
    if not items:
        return Reply(f"No FAQ mentions {shown(query)}.", meta={"alternatives": []})
    embed = Embed(
        title=f"FAQs about {shown(query)}",
        description="\n".join(summary_line(i) for i in items),
    )
    buttons = tuple(Button(i.name, "faq.show", (i.name,)) for i in items[:3])
    return Reply(embed=embed, buttons=buttons, meta={"alternatives": [i.name for i in items]})


def info_reply(info: Info, name_of) -> Reply:
    entry = info.entry
    fields = (
        EmbedField("Name", entry.name, inline=True),
        EmbedField("Aliases", ", ".join(entry.aliases) or "none", inline=True),
        EmbedField("Uses", str(info.uses), inline=True),
        EmbedField("Author", name_of(info.created_by), inline=True),
        EmbedField("Created", when(entry.created_at), inline=True),
        EmbedField(
            "Last edited",
            f"{when(info.last_edited_at)} by {name_of(info.last_edited_by)}",
            inline=True,
        ),
        EmbedField("Revision", str(entry.revision), inline=True),
        EmbedField("Source", "shipped default" if entry.is_default else "this server", True),
    )
    return Reply(embed=Embed(title=entry.title or entry.name, fields=fields))


def history_reply(name: str, revisions: list[Revision], name_of, *, prefix: str) -> Reply:
    lines = []
    shown_from = max(0, len(revisions) - 15)
    for n in range(shown_from, len(revisions)):
        rev = revisions[n]
        line = (
            f"**#{rev.revision}** {rev.action} · {when(rev.created_at)} · {name_of(rev.author_id)}"
        )
        if rev.reason:
            line += f" — {shown(rev.reason, 80)}"
        change = revision_change(revisions[n - 1] if n else None, rev)
        if change:
            line += f"\n  ↳ {change}"
        lines.append(line)
    footer = f"{prefix}faq revert <name> <revision> brings back an older text"
    if len(revisions) > 15:
        footer = f"last 15 of {len(revisions)} revisions · " + footer
    description = "\n".join(lines)[:4096]
    return Reply(embed=Embed(f"History of {name}", description, footer=footer))


def revision_change(before: Revision | None, after: Revision) -> str:
    """What a revision changed, in a few words: which parts, and for the text
    how many lines came and went, with the first new line as a taste."""
    if before is None:
        return f"{len(after.content.splitlines())} lines"
    parts = []
    if before.name != after.name:
        parts.append(f"renamed from `{before.name}`")
    if before.title != after.title:
        parts.append(f"title now {shown(after.title or '(none)', 60)}")
    added = sorted(set(after.aliases) - set(before.aliases))
    removed = sorted(set(before.aliases) - set(after.aliases))
    if added or removed:
        aliases = [f"+{a}" for a in added] + [f"−{a}" for a in removed]
        parts.append("aliases " + " ".join(aliases)[:80])
    if before.content != after.content:
        diff = list(
            difflib.unified_diff(before.content.splitlines(), after.content.splitlines(), n=0)
        )
        plus = [d[1:] for d in diff if d.startswith("+") and not d.startswith("+++")]
        minus = [d for d in diff if d.startswith("-") and not d.startswith("---")]
        text = f"text +{len(plus)} −{len(minus)} lines"
        first = next((line.strip() for line in plus if line.strip()), "")
        if first:
            text += f": {shown(first, 60)}"
        parts.append(text)
    return "; ".join(parts)


def stats_reply(stats: Stats) -> Reply:
    top_entries = "\n".join(f"`{n}` — {c}" for n, c in stats.top_entries[:10]) or "none yet"
    # (topics answered by !explain, !ask or !faq show as `topic:<slug>`)
    top_queries = "\n".join(f"{shown(q)} — {c}" for q, c in stats.top_queries[:10]) or "none yet"
    commands = ", ".join(f"{k} {v}" for k, v in sorted(stats.by_command.items())) or "none"
    fields = (
        EmbedField("Lookups", str(stats.lookups), inline=True),
        EmbedField("Answered", f"{stats.hits} ({stats.hit_rate:.0%})", inline=True),
        EmbedField("By command", commands, inline=True),
        EmbedField("Top entries", top_entries),
        EmbedField("Top queries", top_queries),
    )
    return Reply(embed=Embed(f"FAQ lookups, last {stats.days} days", fields=fields))


def alias_for(text: str) -> str:
    """A valid alias spelled like an unanswered query."""
    return ALIAS_CHARS.sub("-", text.lower()).strip("-_")[:64]


def misses_reply(days: int, groups: list[MissGroup], targets: dict[str, str]) -> Reply:
    if not groups:
        return Reply(f"Nothing went unanswered in the last {days} days.")
    lines, buttons = [], []
    for number, group in enumerate(groups[:15], 1):
        others = f" (+{len(group.queries) - 1} similar)" if len(group.queries) > 1 else ""
        lines.append(
            f"**{number}.** {shown(group.example)}{others} — {group.count}×, "
            f"last {when(group.last_seen)}"
        )
        if number <= MAX_BUTTONS:
            buttons.append(Button(f"{number}: create FAQ", "faq.create", (group.example,)))
            target, alias = targets.get(group.example), alias_for(group.example)
            if target and alias:
                label = f"{number}: alias of {target}"
                buttons.append(Button(label, "faq.alias", (target, alias)))
    embed = Embed(f"Unanswered, last {days} days", "\n".join(lines))
    return Reply(embed=embed, buttons=tuple(buttons))
