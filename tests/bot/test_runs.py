import pytest

from bot import errors
from bot.snippets import parse_snippet

LIMIT = 20_000


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("print(1)", "print(1)"),
        ("`print(1)`", "print(1)"),
        ("```py\nprint(1)\n```", "print(1)\n"),
        ("```python\nprint(1)```", "print(1)"),
        ("```\nprint(1)\n```", "print(1)\n"),
        ("look:\n```py\nx = 1\n```\nthanks", "x = 1\n"),
    ],
)
def test_code_is_found_in_blocks_inline_and_plain_text(text, code):
    assert parse_snippet(text, LIMIT).code == code


@pytest.mark.parametrize(
    ("text", "mode", "pythons", "code"),
    [
        ("--py 3.13 print(1)", "script", ("3.13",), "print(1)"),
        ("--py=3.12 print(1)", "script", ("3.12",), "print(1)"),
        ("--python 3.11,3.13 ```py\nx = 1\n```", "script", ("3.11", "3.13"), "x = 1\n"),
        ("--repl --py all await x", "repl", ("3.11", "3.12", "3.13"), "await x"),
        ("--py 3.13,3.13 pass", "script", ("3.13",), "pass"),
        ("--py 3.12\n```py\npass\n```", "script", ("3.12",), "pass\n"),
    ],
)
def test_options_pick_the_mode_and_the_pythons(text, mode, pythons, code):
    snippet = parse_snippet(text, LIMIT)
    assert (snippet.mode, snippet.pythons, snippet.code) == (mode, pythons, code)


def test_fast_asks_for_virtual_time():
    snippet = parse_snippet("--fast --py 3.12 print(1)", LIMIT)
    assert snippet.fast and snippet.pythons == ("3.12",)


@pytest.mark.parametrize("value", ["2.7", "3.14", "python", "", "3.11,4"])
def test_an_unknown_python_gets_the_choices(value):
    with pytest.raises(errors.InvalidInput) as info:
        parse_snippet(f"--py {value} print(1)", LIMIT)
    assert "3.11, 3.12, 3.13" in info.value.message


def test_repl_flag_selects_repl_mode():
    snippet = parse_snippet("--repl ```py\nawait x()\n```", LIMIT)
    assert snippet.mode == "repl" and snippet.code == "await x()\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no code to run"),
        ("```py\n\n```", "no code to run"),
        ("```js\nx()\n```", "only run Python"),
        ("```py\nprint(1)", "not closed"),
        ("--frob print(1)", "Unknown option"),
        ("print('\x00')", "NUL"),
        ("x" * (LIMIT + 1), "at most 20,000"),
    ],
)
def test_bad_snippets_get_a_clear_message(text, message):
    with pytest.raises(errors.InvalidInput) as info:
        parse_snippet(text, LIMIT)
    assert message in info.value.message
