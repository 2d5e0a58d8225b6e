"""Code blocks read the way Discord shows them (property tests with hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import errors
from bot.fences import Block, Unclosed, blocks, without_direction_marks
from bot.snippets import parse_snippet

LIMIT = 20_000
# Code a person writes: any text without backticks (a fence inside is the
# 4-backtick case, tested apart).
code_text = st.text(
    st.characters(blacklist_characters="`", blacklist_categories=("Cs",)), min_size=1
).filter(lambda s: s.strip())
one_line = code_text.filter(lambda s: "\n" not in s)


@given(code_text)
def test_a_tagged_block_holds_exactly_the_code(code):
    assert blocks(f"```py\n{code}\n```") == [Block("py", code + "\n")]


@given(one_line)
def test_a_block_on_one_line_is_all_code_not_a_language(code):
    assert blocks(f"```{code}```") == [Block("", code)]


@given(code_text, code_text)
def test_several_blocks_come_back_in_order_and_run_as_one_program(first, second):
    text = f"first:\n```py\n{first}\n```\nthen:\n```\n{second}\n```"
    assert [b.code for b in blocks(text)] == [first + "\n", second + "\n"]


def test_several_python_blocks_are_one_program():
    snippet = parse_snippet("```py\nx = 1\n```\nand\n```py\nprint(x)\n```", LIMIT)
    assert snippet.code == "x = 1\nprint(x)\n"


@given(code_text)
def test_a_four_backtick_fence_can_hold_three_backticks(code):
    inner = f"{code}\ns = '```'"
    assert blocks(f"````py\n{inner}\n````") == [Block("py", inner + "\n")]


@pytest.mark.parametrize("text", ["```py\nprint(1)", "````\nprint(1)\n```"])
def test_an_unclosed_block_is_refused_with_how_to_close_it(text):
    with pytest.raises(Unclosed):
        blocks(text)
    with pytest.raises(errors.InvalidInput, match="not closed"):
        parse_snippet(text, LIMIT)


def test_another_language_is_refused_by_name():
    with pytest.raises(errors.InvalidInput, match="not `js`"):
        parse_snippet("```js\nconsole.log(1)\n```", LIMIT)


def test_one_line_fenced_code_runs():
    assert parse_snippet("```print(3)```", LIMIT).code == "print(3)"


def test_direction_marks_around_pasted_code_are_removed():
    assert without_direction_marks("\u2066print(1)\u2069\u200e") == "print(1)"
    assert parse_snippet("```py\n\u2067x = 1\u2069\n```", LIMIT).code == "x = 1\n"
