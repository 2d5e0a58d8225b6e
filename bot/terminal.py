"""Show program output the way a terminal would.

A terminal does not print `\\r` or `\\b`: it moves the cursor, and later text
overwrites earlier text (progress bars, spinners). Colours (SGR escapes) are
kept, because Discord renders them in an ```ansi block; every other escape
sequence and control character is dropped, as it would only show as noise.
"""

from __future__ import annotations

import re

TAB = 8
_SGR = re.compile(r"\x1b\[[0-9;]*m")
# CSI sequences other than SGR, OSC strings, and lone two-character escapes.
_OTHER_ESCAPES = re.compile(
    r"\x1b\[[0-9;?]*[A-Za-ln-z@`]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)?|\x1b[^\[\]]|\x1b$"
)
_CONTROL = re.compile(r"[\x00-\x07\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]")


def render(text: str) -> tuple[str, bool]:
    """The screen's text for `text`, and whether it uses colours."""
    text = _OTHER_ESCAPES.sub("", text.replace("\r\n", "\n"))
    text = _CONTROL.sub("", text)
    lines = [_render_line(line) for line in text.split("\n")]
    return "\n".join(lines), bool(_SGR.search(text))


def _render_line(line: str) -> str:
    if "\r" not in line and "\b" not in line and "\t" not in line:
        return line
    if _SGR.search(line):
        # With colours the cursor arithmetic is not worth it: keep the last redraw.
        return line.rsplit("\r", 1)[-1].replace("\b", "").expandtabs(TAB)
    cells: list[str] = []
    cursor = 0
    for char in line:
        if char == "\r":
            cursor = 0
        elif char == "\b":
            cursor = max(0, cursor - 1)
        elif char == "\t":
            cursor = (cursor // TAB + 1) * TAB
            cells.extend(" " * (cursor - len(cells)))
        else:
            if cursor < len(cells):
                cells[cursor] = char
            else:
                cells.append(char)
            cursor += 1
    return "".join(cells).rstrip() if "\r" in line else "".join(cells)
