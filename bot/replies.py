"""Transport-neutral replies, and the two ways of showing them.

Services and cogs build a `Reply`; the Discord renderer turns it into
`send()` keyword arguments, the text renderer into what the console prints.
Everything a user controls passes through `clean()` or `codeblock()` first,
so a reply can neither ping anyone nor break out of its code block.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

import discord

MAX_CONTENT = 2000  # Discord's limit for a message
MAX_EMBED_TITLE = 256
MAX_EMBED_DESCRIPTION = 4096
MAX_FIELD_VALUE = 1024
MAX_SHOWN_INPUT = 80  # how much of a user's bad input we echo back
ZWSP = "\u200b"

# Mass mentions and role/user pings. The bot's AllowedMentions already refuse
# them; breaking the text as well keeps the reply harmless if copied elsewhere.
_MENTION = re.compile(r"@(everyone|here)|<@([!&]?)(\d+)>", re.IGNORECASE)
# Bidi controls and other invisible format characters that can disguise text.
_INVISIBLE = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff]")


@dataclass(frozen=True)
class EmbedField:
    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True)
class Embed:
    title: str
    description: str = ""
    fields: tuple[EmbedField, ...] = ()
    footer: str = ""


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes


@dataclass(frozen=True)
class Button:
    """A button runs a named action registered on the bot with `args`."""

    label: str
    action: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reply:
    content: str = ""
    embed: Embed | None = None
    attachments: tuple[Attachment, ...] = ()
    buttons: tuple[Button, ...] = ()
    ephemeral: bool = False
    meta: Mapping[str, object] = field(default_factory=dict)
    # What a text transport (console, `send`) prints in place of the pictures.
    text_view: str = ""

    def to_dict(self, attachment_paths: Mapping[str, str] | None = None) -> dict:
        """The JSON shape of `python -m bot send --json`."""
        paths = attachment_paths or {}
        return {
            "content": self.content,
            "embed": asdict(self.embed) if self.embed else None,
            "attachments": [
                {"filename": a.filename, "bytes": len(a.data), "path": paths.get(a.filename)}
                for a in self.attachments
            ],
            "buttons": [{"label": b.label, "action": b.action} for b in self.buttons],
            "meta": dict(self.meta),
        }


def clean(text: str, limit: int | None = None) -> str:
    """Make user-controlled text safe to show outside a code block."""
    text = text.replace("\x00", "")
    text = _INVISIBLE.sub("", text)
    text = _MENTION.sub(_break_mention, text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _break_mention(match: re.Match) -> str:
    if match.group(1):
        return "@" + ZWSP + match.group(1)
    return "<@" + ZWSP + match.group(2) + match.group(3) + ">"


def shown(user_input: str, limit: int = MAX_SHOWN_INPUT) -> str:
    """A short echo of text someone else controls (what a user typed, what a
    snippet named its exception): one line of inline code, where markdown,
    links and mentions do nothing."""
    text = clean(str(user_input), limit).replace("`", "'")
    text = re.sub(r"[\x00-\x1f\x7f\u2028\u2029]+", " ", text)
    return f"`{text}`" if text.strip() else "(nothing)"


def codeblock(text: str, lang: str = "", limit: int = MAX_CONTENT) -> str:
    """Fence `text` so that nothing inside can close the fence or ping."""
    body = clean(text)
    # No three backticks in a row can survive, so the fence cannot be closed.
    body = re.sub(r"`(?=`)", "`" + ZWSP, body)
    opening, closing = f"```{lang}\n", "\n```"
    room = limit - len(opening) - len(closing)
    if len(body) > room:
        body = body[: room - 2] + "\n…"
    return opening + body + closing


def fit(text: str, limit: int = MAX_CONTENT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- Discord ---------------------------------------------------------------


def discord_kwargs(reply: Reply) -> dict:
    """Keyword arguments for `Messageable.send` (the view is added by the bot)."""
    # No reply means to ping anyone: whatever a snippet printed or an FAQ says.
    kwargs: dict = {
        "content": fit(clean(reply.content)) or None,
        "allowed_mentions": discord.AllowedMentions.none(),
    }
    if reply.embed:
        embed = discord.Embed(
            title=fit(clean(reply.embed.title), MAX_EMBED_TITLE),
            description=fit(clean(reply.embed.description), MAX_EMBED_DESCRIPTION) or None,
            colour=discord.Colour.blurple(),
        )
        for f in reply.embed.fields[:25]:
            embed.add_field(
                name=fit(clean(f.name), MAX_EMBED_TITLE),
                value=fit(clean(f.value), MAX_FIELD_VALUE) or ZWSP,
                inline=f.inline,
            )
        if reply.embed.footer:
            embed.set_footer(text=fit(clean(reply.embed.footer), 2048))
        kwargs["embed"] = embed
    if reply.attachments:
        kwargs["files"] = [
            discord.File(io.BytesIO(a.data), filename=a.filename) for a in reply.attachments
        ]
    return kwargs


# -- text (console, `send`) ------------------------------------------------


def render_text(reply: Reply, attachment_dir: Path | None = None, *, prefix: str) -> str:
    """What the console prints for a reply; attachments are written to disk; buttons
    are pressed with the `press` command, named with the bot's `prefix`."""
    parts: list[str] = []
    if reply.content:
        parts.append(clean(reply.content))
    if reply.embed:
        parts.append(_embed_text(reply.embed))
    if reply.text_view:
        parts.append(clean(reply.text_view))
    for a in reply.attachments:
        parts.append(f"[attachment {a.filename}: {_save(a, attachment_dir)}]")
    for number, button in enumerate(reply.buttons, 1):
        parts.append(f"[{number}] {button.label}")
    if reply.buttons:
        parts.append(f"(press a button with `{prefix}press N`)")
    return "\n".join(parts) if parts else "(empty reply)"


def _embed_text(embed: Embed) -> str:
    title = clean(embed.title)
    lines = [f"┌─ {title}"]
    body = [clean(embed.description)] if embed.description else []
    for f in embed.fields:
        body.append(f"{clean(f.name)}: {clean(f.value)}")
    if embed.footer:
        body.append(f"— {clean(embed.footer)}")
    for block in body:
        lines.extend("│ " + line for line in block.splitlines() or [""])
    lines.append("└" + "─" * min(40, len(title) + 3))
    return "\n".join(lines)


def save_attachments(reply: Reply, attachment_dir: Path | None) -> dict[str, str]:
    return {a.filename: _save(a, attachment_dir) for a in reply.attachments}


def _save(attachment: Attachment, attachment_dir: Path | None) -> str:
    if attachment_dir is None:
        return f"{len(attachment.data)} bytes, not saved"
    attachment_dir.mkdir(parents=True, exist_ok=True)
    path = attachment_dir / Path(attachment.filename).name
    path.write_bytes(attachment.data)
    return str(path)
