"""Reading a message's text: code, and what input() reads."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.snippets import parse_snippet, read_text

LIMIT = 20_000
plain = st.text(st.characters(blacklist_characters="`", blacklist_categories=("Cs",)))


@given(plain.filter(lambda s: s.strip()))
def test_plain_text_after_the_last_block_is_the_input(after):
    text = read_text(f"```py\nprint(input())\n```\n{after}")
    assert text.code == "print(input())\n"
    assert text.stdin == after.strip("\n") + "\n"


@given(plain)
def test_text_before_the_code_is_neither_code_nor_input(before):
    text = read_text(f"{before}```py\nx = 1\n```")
    assert (text.code, text.stdin) == ("x = 1\n", "")


@pytest.mark.parametrize(
    ("text", "stdin"),
    [
        ("```py\ninput()\n```\n```input\nblock\n```\nafter", "block\n"),
        ("```py\ninput()\n```\n\n", ""),
        ("```py\ninput()\n```\nline 1\nline 2", "line 1\nline 2\n"),
        ("print(1)", ""),
        ("`print(1)`", ""),
    ],
)
def test_where_the_input_comes_from(text, stdin):
    assert parse_snippet(text, LIMIT).stdin == stdin
