"""What to run: a snippet read from a `!run` message (its text, a file attached
to it, or the message it replies to), a form, or a message picked from the
right-click menu. Options, code and standard input; the sandbox does the rest."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

import discord

from bot import errors, fences
from bot.replies import shown
from bot.sandbox import interpreters

PYTHON_TAGS = {"", "py", "python", "python3", "py3", "pycon", "ipython"}
INPUT_TAGS = {"input", "stdin"}  # a block marked so is what the snippet reads
ATTACHMENT_SUFFIXES = (".py", ".txt")
_INLINE = re.compile(r"^`([^`]+)`$")
MODE_FLAGS = {"--repl": "repl", "--script": "script"}
NO_CODE = (
    "There is no code to run: put it after the command, on the same line or in a "
    "code block, attach a .py file, or send the command as a reply to a message "
    "with code."
)
NO_CODE_THERE = "That message has no code block or .py file to run."


@dataclass(frozen=True)
class Snippet:
    code: str
    mode: str = "script"
    pythons: tuple[str, ...] = ()  # empty: the default one
    fast: bool = False  # virtual time: sleeps take no real time
    timeline: str = ""  # "dark" or "light": answer with the run's timeline picture
    stdin: str = ""  # what input() reads: a block marked `input`, text after the code, a field


class Options(NamedTuple):
    """A snippet's options, as `!run --...` or /run's choices set them."""

    mode: str = "script"
    pythons: tuple[str, ...] = ()
    fast: bool = False
    timeline: str = ""


class Text(NamedTuple):
    """What a message's text holds: code (maybe none) and standard input."""

    code: str
    stdin: str
    fenced: bool


def parse_pythons(value: str) -> tuple[str, ...]:
    """`3.13` or `3.11,3.13` (or `all`): the Pythons to run on, each once."""
    if value.strip().lower() == "all":
        return interpreters.SUPPORTED
    chosen = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    unknown = [v for v in chosen if v not in interpreters.SUPPORTED]
    if not chosen or unknown:
        raise errors.InvalidInput(
            f"Python {shown((unknown or [value])[0], 20)} is not available: choose from "
            f"{', '.join(interpreters.SUPPORTED)} (or several, comma-separated, or `all`)."
        )
    return chosen


_OPTION = re.compile(r"--([\w-]*)(?:=(\S*))?\s*")
_VALUE = re.compile(r"(\S*)\s*")


def parse_options(text: str) -> tuple[Options, str]:
    """Leading `--repl`, `--script`, `--fast`, `--timeline`, `--py VERSIONS` options;
    the rest is code."""
    text = text.strip()
    mode, pythons, fast, timeline = "script", (), False, ""
    while text.startswith("--"):
        option = _OPTION.match(text)
        name, value = option.group(1), option.group(2)
        text = text[option.end() :]
        if f"--{name}" in MODE_FLAGS and value is None:
            mode = MODE_FLAGS[f"--{name}"]
        elif name == "fast" and value is None:
            fast = True
        elif name == "timeline" and value in (None, "dark", "light"):
            timeline = value or "dark"
        elif name in ("py", "python"):
            if value is None:
                given = _VALUE.match(text)
                value, text = given.group(1), text[given.end() :]
            pythons = parse_pythons(value)
        else:
            raise errors.InvalidInput(
                f"Unknown option {shown('--' + name, 20)}: use `--repl`, `--fast` (virtual "
                f"time), `--timeline` (or `--timeline=light`), `--py 3.13` (or "
                f"`--py 3.11,3.13` to compare), or nothing."
            )
    return Options(mode, pythons, fast, timeline), text


def read_text(text: str) -> Text:
    """The code in a message's text (fenced blocks, inline code or plain text) and
    its input: blocks marked `input`, else plain text after the last block."""
    try:
        found = fences.blocks(text)
    except fences.Unclosed as exc:
        raise errors.InvalidInput(f"That code block is not closed: end it with {exc}.") from None
    if not found:
        inline = _INLINE.match(text.strip())
        return Text(inline.group(1) if inline else text.strip(), "", False)
    stdin = "".join(b.code for b in found if b.language in INPUT_TAGS)
    if not stdin:
        # Text after the code, outside any block, is what the snippet reads.
        after = text[found[-1].end :].strip("\n")
        stdin = after + "\n" if after.strip() else ""
    code_blocks = [b for b in found if b.language not in INPUT_TAGS]
    other = next((b.language for b in code_blocks if b.language not in PYTHON_TAGS), None)
    if other is not None:
        raise errors.InvalidInput(f"I only run Python, not {shown(other, 20)}.")
    # Several blocks are one program, in the order they were written.
    codes = [b.code for b in code_blocks]
    code = codes[0] if len(codes) == 1 else "\n".join(c.rstrip("\n") for c in codes) + "\n"
    return Text(code if codes else "", stdin, True)


def checked(code: str, max_bytes: int) -> str:
    """The code as the sandbox gets it, or InvalidInput saying what is wrong with it."""
    code = fences.without_direction_marks(code)
    if not code.strip():
        raise errors.InvalidInput(NO_CODE)
    if "\x00" in code:
        raise errors.InvalidInput("The code contains a NUL character; Python can't read that.")
    size = len(code.encode())
    if size > max_bytes:
        raise errors.InvalidInput(
            f"That snippet is {size:,} bytes; the sandbox takes at most {max_bytes:,}."
        )
    return code


def parse_snippet(text: str, max_bytes: int) -> Snippet:
    """The snippet in a `!run` message's text, after any options."""
    options, text = parse_options(text)
    code, stdin, _ = read_text(text)
    return Snippet(checked(code, max_bytes), *options, stdin=stdin)


async def from_message(message: discord.Message, text: str, max_bytes: int) -> Snippet:
    """The snippet a `!run` message asks for: the code in its text, else its
    attached file, else the code of the message it replies to. Beside a file or
    in a reply, plain text (no code block) is the input."""
    options, rest = parse_options(text)
    code, stdin, fenced = read_text(rest)
    beside = message.reference is not None or bool(message.attachments)
    if code.strip() and (fenced or not beside):
        return Snippet(checked(code, max_bytes), *options, stdin=stdin)
    if not fenced:
        stdin = rest.strip() + "\n" if rest.strip() else ""
    attached = await attached_code(message, max_bytes)
    if attached is not None:
        return Snippet(checked(attached, max_bytes), *options, stdin=stdin)
    replied = await replied_to(message)
    if replied is None:
        raise errors.InvalidInput(NO_CODE)
    found = await code_in(replied, max_bytes)
    return Snippet(found.code, *options, stdin=stdin or found.stdin)


async def code_in(message: discord.Message, max_bytes: int) -> Snippet:
    """The code someone else's message holds (a reply's target, the right-click
    menu): its code blocks with their input, else its attached file."""
    code, stdin, fenced = read_text(message.content)
    if fenced and code.strip():
        return Snippet(checked(code, max_bytes), stdin=stdin)
    attached = await attached_code(message, max_bytes)
    if attached is None:
        raise errors.InvalidInput(NO_CODE_THERE)
    return Snippet(checked(attached, max_bytes), stdin=stdin)


async def attached_code(message: discord.Message, max_bytes: int) -> str | None:
    """The first .py (or .txt) file attached to the message, as text."""
    for attachment in message.attachments:
        if attachment.filename.lower().endswith(ATTACHMENT_SUFFIXES):
            if attachment.size > max_bytes:
                raise errors.InvalidInput(
                    f"{shown(attachment.filename, 40)} is {attachment.size:,} bytes; "
                    f"the sandbox takes at most {max_bytes:,}."
                )
            try:
                return (await attachment.read()).decode("utf-8", "replace")
            except discord.HTTPException as exc:
                raise errors.Unavailable("I could not download that file; try again.") from exc
    return None


async def replied_to(message: discord.Message) -> discord.Message | None:
    """The message this one replies to, if any and if it can still be read."""
    reference = message.reference
    if reference is None or reference.message_id is None:
        return None
    if isinstance(reference.resolved, discord.Message):
        return reference.resolved
    if isinstance(reference.resolved, discord.DeletedReferencedMessage):
        raise errors.NotFound("The message you replied to has been deleted.")
    try:
        return await message.channel.fetch_message(reference.message_id)
    except discord.NotFound:
        raise errors.NotFound("The message you replied to has been deleted.") from None
    except discord.HTTPException as exc:
        raise errors.Unavailable("I could not read the message you replied to.") from exc
