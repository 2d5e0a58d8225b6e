"""Show program output the way a terminal would.

A terminal does not print `\\r` or `\\b`: it moves the cursor, and later text
overwrites earlier text (progress bars, spinners). Colours (SGR escapes) are
kept, because Discord renders them in an ```ansi block; every other escape
sequence and control character is dropped: it would only show as noise on
Discord, and the console prints replies to a real terminal, where cursor
movement, titles, hyperlinks (OSC 8), the clipboard (OSC 52) or a query the
terminal answers by typing (`ESC [ > c`) must not reach it.
"""

from __future__ import annotations

import re

TAB = 8
_SGR = re.compile(r"\x1b\[[0-9;]*m")
# Strings a terminal reads up to their terminator: OSC (titles, hyperlinks, the
# clipboard), DCS, SOS, PM, APC. Unterminated, they end at the next escape.
_STRING = re.compile(r"\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?")
# Any control sequence (ECMA-48: parameters, intermediates, final byte), also cut short.
_CSI = re.compile(r"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?")
# What remains but colours: two-character escapes (ESC 7, ESC c, ESC ( B), lone escapes.
_ESCAPE = re.compile(r"\x1b(?!\[[0-9;]*m)[\x20-\x2f]*[\x30-\x7e]?")
# C0 controls but \t \n \b \r (and ESC, handled above), DEL and the C1 controls.
_CONTROL = re.compile(r"[\x00-\x07\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f]")


def render(text: str) -> tuple[str, bool]:
    """The screen's text for `text`, and whether it uses colours."""
    text = _STRING.sub("", text.replace("\r\n", "\n"))
    text = _CSI.sub(_only_colours, text)
    text = _ESCAPE.sub("", _CONTROL.sub("", text))
    lines = [_render_line(line) for line in text.split("\n")]
    return "\n".join(lines), bool(_SGR.search(text))


def _only_colours(match: re.Match) -> str:
    return match.group() if _SGR.fullmatch(match.group()) else ""


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


def plain(screen: str) -> str:
    """The screen's text without its colours (for a file, where they are noise)."""
    return _SGR.sub("", screen)
