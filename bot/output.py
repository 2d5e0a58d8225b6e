"""A run's output as a reply shows it: numbered lines in a code block, short
enough to read in the channel, and the whole of it as `output.txt` when not.

The text comes from bot/terminal.py (the screen a terminal would show, colours
kept). Inline it shows at most `MAX_LINES` lines and about `MAX_CHARS`
characters; longer output keeps its first `HEAD_LINES` lines and as many of the
last ones as fit (an error's traceback is at the end), with one line saying how
many are left out, and the reply attaches the whole screen, without colours.

Why line numbers, and why they look like ` 9 │ text`:
- When lines are left out, the numbers show where (they jump) and how far
  the output went; and people in the channel can point at "line 12".
- Right-aligned to the widest number (the last line's, always shown), so the
  text starts in one column; the bar is a box-drawing character a program
  rarely prints at a line's start, so the gutter does not read as output.
- Discord's code blocks have no gutter of their own, so it is text in the
  block, and copying the block copies it too: the price of the above. The file
  has no gutter.
- In an ```ansi block a colour stays on until it is reset, across lines, so
  a gutter would take the colour of the line before. Each numbered line starts
  with a reset, and the colours still on are set again after the gutter: the
  gutter stays plain and the output keeps its colours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.replies import Attachment, codeblock
from bot.terminal import plain

MAX_LINES = 15  # lines shown inline
MAX_CHARS = 1000  # characters of output shown inline, about (escapes count)
HEAD_LINES = 3  # lines from the start kept when some are left out
MAX_LINE = 200  # characters of one line shown inline; the file has the rest
FILENAME = "output.txt"
NO_OUTPUT = "(no output)"
BAR = "│"
_SGR = re.compile(r"\x1b\[([0-9;]*)m")
_SGR_SPLIT = re.compile(r"(\x1b\[[0-9;]*m)")
RESET = "\x1b[0m"


@dataclass(frozen=True)
class Shown:
    """The output part of a run's reply."""

    block: str  # a fenced code block, or NO_OUTPUT
    attachment: Attachment | None  # the whole output, when the block shows part of it


def show(screen: str, coloured: bool, limit: int) -> Shown:
    """The block for `screen` (at most `limit` characters), and the file when
    the block leaves something out."""
    if not screen.strip():
        return Shown(NO_OUTPUT, None)
    lines = screen.split("\n")
    cut = [_cut(line) for line in lines]
    chosen = _choose(cut)
    on = _colours_on(lines, chosen) if coloured else {}
    body = _numbered(cut, chosen, on if coloured else None)
    language = "ansi" if coloured else ""
    block = codeblock(body, language, limit=limit)
    whole = cut == lines and len(chosen) == len(lines)
    if whole and block == codeblock(body, language, limit=len(body) * 2 + 100):
        return Shown(block, None)
    return Shown(block, Attachment(FILENAME, plain(screen).encode()))


def _choose(lines: list[str]) -> list[int]:
    """The numbers (from 0) of the lines to show: all if they fit, else the first
    few and as many of the last as fit."""
    if len(lines) <= MAX_LINES and sum(len(line) + 1 for line in lines) <= MAX_CHARS:
        return list(range(len(lines)))
    head: list[int] = []
    used = 0
    for number in range(min(HEAD_LINES, len(lines) - 1)):
        if used + len(lines[number]) > MAX_CHARS // 3:
            break
        head.append(number)
        used += len(lines[number]) + 1
    tail: list[int] = []
    room = MAX_LINES - len(head) - 1  # one line says what is left out
    for number in range(len(lines) - 1, len(head) - 1, -1):
        if len(tail) >= room or (tail and used + len(lines[number]) > MAX_CHARS):
            break
        tail.append(number)
        used += len(lines[number]) + 1
    return head + tail[::-1]


def _numbered(lines: list[str], chosen: list[int], on: dict[int, str] | None) -> str:
    """The chosen lines behind a gutter of line numbers (`on`: the colours to set
    again after each gutter, in an ansi block)."""
    width = len(str(len(lines)))
    rows: list[str] = []
    previous = -1
    for number in chosen:
        left_out = number - previous - 1
        if left_out:
            noun = "line" if left_out == 1 else "lines"
            marker = f"{'⋮':>{width}} {BAR} ({left_out:,} more {noun} in {FILENAME})"
            rows.append(marker if on is None else RESET + marker)
        previous = number
        gutter = f"{number + 1:>{width}} {BAR}"
        if on is not None:
            gutter = RESET + gutter + " " + on.get(number, "")
        elif lines[number]:
            gutter += " "
        rows.append(gutter + lines[number])
    left_out = len(lines) - previous - 1
    return "\n".join(rows)


def _colours_on(lines: list[str], wanted: list[int]) -> dict[int, str]:
    """For each wanted line, one escape that sets the colours in force where it starts."""
    state: dict[int, str] = {}
    found: dict[int, str] = {}
    wanted_set = set(wanted)
    for number, line in enumerate(lines):
        if number in wanted_set and state:
            found[number] = "\x1b[" + ";".join(state.values()) + "m"
        for match in _SGR.finditer(line):
            _apply(state, match.group(1))
    return found


# Codes that turn an attribute off, and the attributes they turn off.
_OFF = {22: (1, 2), 23: (3,), 24: (4,), 25: (5,), 27: (7,), 28: (8,), 29: (9,)}


def _apply(state: dict[int, str], params: str) -> None:
    """Update `state` (slot -> codes: 38 foreground, 48 background, 1-9 attributes)
    with one SGR escape's parameters, as a terminal does."""
    codes = [int(c) if c else 0 for c in params.split(";")]
    at = 0
    while at < len(codes):
        code, step = codes[at], 1
        if code == 0:
            state.clear()
        elif code in (38, 48):  # 256 colours (5;n) or RGB (2;r;g;b)
            step = {5: 3, 2: 5}.get(codes[at + 1] if at + 1 < len(codes) else -1, len(codes))
            state[code] = ";".join(map(str, codes[at : at + step]))
        elif 30 <= code <= 37 or 90 <= code <= 97:
            state[38] = str(code)
        elif 40 <= code <= 47 or 100 <= code <= 107:
            state[48] = str(code)
        elif code in (39, 49):
            state.pop(code - 1, None)
        elif 1 <= code <= 9:
            state[code] = str(code)
        for off in _OFF.get(code, ()):
            state.pop(off, None)
        at += step


def _cut(line: str) -> str:
    """At most MAX_LINE visible characters of `line` (and a few escapes), marked
    with … when cut."""
    if len(line) <= MAX_LINE:
        return line
    kept: list[str] = []
    visible = size = 0
    for part in _SGR_SPLIT.split(line):
        if _SGR.fullmatch(part):
            size += len(part)
            if size > MAX_LINE * 4:
                return "".join(kept) + "…"
            kept.append(part)
            continue
        room = MAX_LINE - visible
        if len(part) > room:
            return "".join(kept) + part[:room] + "…"
        kept.append(part)
        visible += len(part)
    return line
