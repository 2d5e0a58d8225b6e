"""Replies for `!explain` and `!ask`: plain functions from topics and rankings to Reply."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.ask import Candidate
from bot.knowledge.library import Library
from bot.knowledge.topics import Topic
from bot.replies import (
    MAX_EMBED_DESCRIPTION,
    Button,
    Embed,
    EmbedField,
    Reply,
    codeblock,
    shown,
)

MAX_OUTPUT_SHOWN = 900  # characters of a demo's output in the reply
MAX_INDEX_PAGE = 3500  # characters of topic lines per `!explain` page
RUN_ACTION, TOPIC_ACTION, INDEX_ACTION = "explain.run", "explain.topic", "explain.index"


@dataclass(frozen=True)
class DemoRun:
    """The demo's output for a reply, and where it came from."""

    output: str
    note: str  # "ran live on Python 3.11 just now (virtual time)", or why it did not
    live: bool


def topic_reply(
    topic: Topic, demo: DemoRun, library: Library, note: str = "", *, prefix: str
) -> Reply:
    code = codeblock(topic.demo.rstrip("\n"), "py")
    output = demo.output.rstrip("\n") or "(no output)"
    if len(output) > MAX_OUTPUT_SHOWN:
        output = output[:MAX_OUTPUT_SHOWN] + "\n…"
    parts = [
        topic.explanation,
        f"**Demo**\n{code}",
        f"**Output** ({demo.note})\n{codeblock(output)}",
    ]
    description = "\n\n".join(parts)[:MAX_EMBED_DESCRIPTION]
    related = [library[r] for r in topic.related if r in library]
    fields = ()
    if related:
        lines = "\n".join(f"`{t.slug}` — {t.summary}" for t in related)
        fields = (EmbedField("Related", lines[:1024]),)
    footer = f"{prefix}explain {topic.slug}" + (f" · {note}" if note else "")
    buttons = (
        Button("Run it yourself", RUN_ACTION, (topic.slug,)),
        *(Button(t.title[:80], TOPIC_ACTION, (t.slug,)) for t in related),
    )
    return Reply(
        embed=Embed(title=topic.title, description=description, fields=fields, footer=footer),
        buttons=buttons,
        meta={"topic": topic.slug, "demo": "live" if demo.live else "expected"},
    )


def run_it_yourself(topic: Topic, *, prefix: str) -> Reply:
    """For text transports: a message ready to send (Discord opens the /run form)."""
    message = f"{prefix}run --fast\n```py\n{topic.demo.rstrip()}\n```"
    return Reply(
        f"Send this to run the demo yourself (change it as you like):\n{message}",
        meta={"topic": topic.slug},
    )


def index_pages(library: Library) -> list[list[tuple[str, list[Topic]]]]:
    """The groups, split into pages that fit a message."""
    pages: list[list[tuple[str, list[Topic]]]] = [[]]
    size = 0
    for heading, topics in library.by_group().items():
        block = sum(len(t.slug) + len(t.summary) + 8 for t in topics) + len(heading)
        if pages[-1] and size + block > MAX_INDEX_PAGE:
            pages.append([])
            size = 0
        pages[-1].append((heading, topics))
        size += block
    return pages


def index_reply(library: Library, page: int = 1, *, prefix: str) -> Reply:
    pages = index_pages(library)
    page = max(1, min(page, len(pages)))
    fields = tuple(
        EmbedField(heading if n == 0 else f"{heading} (more)", chunk)
        for heading, topics in pages[page - 1]
        for n, chunk in enumerate(_chunks([f"`{t.slug}` — {t.summary}" for t in topics]))
    )
    buttons = []
    if page > 1:
        buttons.append(Button("◀ Previous", INDEX_ACTION, (str(page - 1),)))
    if page < len(pages):
        buttons.append(Button("Next ▶", INDEX_ACTION, (str(page + 1),)))
    footer = f"{prefix}explain <topic> · {prefix}ask <question>"
    if len(pages) > 1:
        footer = f"page {page} of {len(pages)} · {footer}"
    embed = Embed(
        title=f"asyncio topics ({len(library.topics)})",
        description="Each comes with a demo that runs live in the sandbox.",
        fields=fields,
        footer=footer,
    )
    return Reply(embed=embed, buttons=tuple(buttons), meta={"topic": None})


def choices_reply(query: str, suggestions: list[Candidate], what: str, *, prefix: str) -> Reply:
    """Nothing fits well: say so, and offer the closest answers as buttons."""
    text = f"I don't have a good answer for {shown(query)}."
    if suggestions:
        text += " Did you mean one of these?"
    text += f" `{prefix}explain` lists every topic."
    buttons = tuple(button_for(c) for c in suggestions[:3])
    return Reply(
        text,
        buttons=buttons,
        meta={"topic": None, "alternatives": [c.ref for c in suggestions], "match": what},
    )


def button_for(candidate: Candidate) -> Button:
    if candidate.is_faq:
        return Button(f"FAQ: {candidate.title}"[:80], "faq.show", (candidate.ref[4:],))
    return Button(candidate.title[:80], TOPIC_ACTION, (candidate.ref,))


def faq_miss_reply(query: str, suggestions: list[Candidate], *, prefix: str) -> Reply:
    text = f"No FAQ matches {shown(query)}."
    if suggestions:
        text += " Did you mean one of these?"
    text += f" Moderators can add one with `{prefix}faq add <name> <content>`."
    return Reply(
        text,
        buttons=tuple(button_for(c) for c in suggestions[:3]),
        meta={"faq": None, "match": "miss", "alternatives": [c.ref for c in suggestions]},
    )


def _chunks(lines: list[str], limit: int = 1024) -> list[str]:
    """Lines joined into pieces that each fit an embed field."""
    chunks = [""]
    for line in lines:
        line = line[:limit]
        if chunks[-1] and len(chunks[-1]) + 1 + len(line) > limit:
            chunks.append("")
        chunks[-1] = f"{chunks[-1]}\n{line}" if chunks[-1] else line
    return chunks
