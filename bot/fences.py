"""Code blocks in a Discord message, read the way Discord shows them.

A fence is a run of three or more backticks and ends at the next run of the
same length, so a 4-backtick block can hold ```. A first line that is a
single word followed by a line break is the block's language; a block on one
line (```print(3)```) is all code. Several blocks come back in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_OPENING = re.compile(r"`{3,}")
_LANGUAGE = re.compile(r"[\w+.#-]*")
# Direction marks Discord (and editors) put around pasted code; Python reads
# them as invalid characters.
_DIRECTION_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Block:
    language: str  # lower case; "" when the block has none
    code: str
    end: int = field(default=0, compare=False)  # where its closing fence ends in the text


class Unclosed(ValueError):
    """A fence was opened and never closed."""


def blocks(text: str) -> list[Block]:
    """The fenced blocks of `text`, in order; Unclosed if one never ends."""
    found, pos = [], 0
    while (opening := _OPENING.search(text, pos)) is not None:
        fence = len(opening.group())
        closing = re.compile(rf"(?<!`)`{{{fence}}}(?!`)").search(text, opening.end())
        if closing is None:
            raise Unclosed(opening.group())
        inner = text[opening.end() : closing.start()]
        first, newline, rest = inner.partition("\n")
        if newline and _LANGUAGE.fullmatch(first.strip()):
            found.append(Block(first.strip().lower(), rest, closing.end()))
        else:
            found.append(Block("", inner, closing.end()))
        pos = closing.end()
    return found


def without_direction_marks(code: str) -> str:
    return _DIRECTION_MARKS.sub("", code)
