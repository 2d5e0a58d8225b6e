import re

from hypothesis import given
from hypothesis import strategies as st

from bot.terminal import render


def test_carriage_return_overwrites_like_a_terminal():
    assert render("10%\r50%\r100%\n") == ("100%\n", False)
    assert render("abcdef\rXY") == ("XYcdef", False)


def test_backspace_moves_the_cursor_back():
    assert render("ab\bc") == ("ac", False)


def test_tabs_expand_to_eight_columns():
    assert render("a\tb") == ("a       b", False)


def test_colours_are_kept_and_reported():
    text, coloured = render("\x1b[31mred\x1b[0m")
    assert text == "\x1b[31mred\x1b[0m" and coloured


def test_cursor_movement_and_screen_clearing_are_dropped():
    assert render("\x1b[2J\x1b[Hhi\x1b]0;title\x07!") == ("hi!", False)


def test_other_control_characters_are_dropped():
    assert render("a\x00b\x07c\x1b") == ("abc", False)


def test_windows_newlines_are_plain_newlines():
    assert render("a\r\nb\r\n") == ("a\nb\n", False)


def test_queries_a_terminal_answers_and_private_sequences_are_dropped():
    # Device attributes (answered by typing into the console), a colon colour,
    # the clipboard (OSC 52), a DCS string, a charset switch, an 8-bit CSI.
    text = "\x1b[>c\x1b[38:5:1mA\x1b]52;c;Y2xpcA==\x07\x1bPq#0\x1b\\\x1b(BB\x9b6nC"
    assert render(text) == ("AB6nC", False)


def test_a_hyperlink_keeps_its_text_and_loses_its_address():
    assert render("\x1b]8;;https://example.com\x1b\\here\x1b]8;;\x1b\\") == ("here", False)


@given(st.text(alphabet=st.sampled_from("\x1b[]0123;m>?:P\\\x07\x9b\x00\r\b\tab\n"), max_size=80))
def test_only_colour_escapes_and_plain_text_survive(text):
    screen, _ = render(text)
    for escape in re.finditer("\x1b", screen):
        assert re.match(r"\x1b\[[0-9;]*m", screen[escape.start() :])
    assert not re.search("[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f]", screen)
