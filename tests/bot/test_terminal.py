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
