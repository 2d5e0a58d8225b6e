import pytest

from bot import errors
from bot.runs import comparison_reply, result_reply
from bot.sandbox import Result
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


def test_fast_asks_for_virtual_time_and_the_reply_says_so():
    snippet = parse_snippet("--fast --py 3.12 print(1)", LIMIT)
    assert snippet.fast and snippet.pythons == ("3.12",)
    reply = reply_for(status="ok", output="1\n", virtual_time=True)
    assert reply.content.splitlines()[1].startswith("⏩ Virtual time")


@pytest.mark.parametrize("value", ["2.7", "3.14", "python", "", "3.11,4"])
def test_an_unknown_python_gets_the_choices(value):
    with pytest.raises(errors.InvalidInput) as info:
        parse_snippet(f"--py {value} print(1)", LIMIT)
    assert "3.11, 3.12, 3.13" in info.value.message


def test_a_comparison_shows_one_output_when_the_pythons_agree():
    same = Result(status="ok", returncode=0, output="hi\n", wall_ms=5)
    reply = comparison_reply({"3.11": same, "3.13": same}, 10, 256)
    assert "**Python 3.11** ✅" in reply.content and "**Python 3.13** ✅" in reply.content
    assert "Same output on Python 3.11, 3.13:\n```\nhi\n```" in reply.content
    assert reply.meta["statuses"] == {"3.11": "ok", "3.13": "ok"}


def test_a_comparison_shows_a_diff_when_the_pythons_differ():
    old = Result(status="ok", returncode=0, output="a\nsame\n")
    new = Result(status="error", returncode=1, output="b\nsame\n", error={"type": "E", "line": 1})
    reply = comparison_reply({"3.11": old, "3.13": new}, 10, 256)
    assert "```diff\n--- Python 3.11\n+++ Python 3.13\n" in reply.content
    assert "\n-a\n+b\n" in reply.content
    assert reply.meta["status"] == "ok" and reply.meta["statuses"]["3.13"] == "error"


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


def reply_for(**fields):
    return result_reply(Result(**fields), timeout=10, memory_mib=256)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"status": "ok", "output": "hi\n", "wall_ms": 12}, "✅ Finished in 0.01 s."),
        (
            {"status": "error", "returncode": 1, "error": {"type": "ValueError", "line": 3}},
            "❌ `ValueError` on line 3 (exit code 1)",
        ),
        ({"status": "timeout"}, "past the 10 s time limit"),
        ({"status": "memory"}, "more than 256 MiB"),
        (
            {"status": "killed", "signal": 11, "error": {"message": "killed by signal SIGSEGV"}},
            "Stopped by `killed by signal SIGSEGV`",
        ),
        (
            {"status": "killed", "error": {"type": "SandboxError", "message": "lost"}},
            "The sandbox failed to run this; try again in a moment.",
        ),
        (
            {"status": "timeout", "cpu_ms": 5000, "error": {"message": "stopped (CPU limit)"}},
            "more than its 5 s of CPU time",
        ),
        ({"status": "busy"}, "busy right now"),
        (
            {"status": "rejected", "error": {"type": "TooLarge", "message": "too big"}},
            "Not run: `too big`",
        ),
    ],
)
def test_every_status_has_its_own_line(fields, expected):
    reply = reply_for(**fields)
    assert expected in reply.content
    assert reply.meta["status"] == fields["status"]


@pytest.mark.parametrize(
    "name",
    [
        "X\n✅ Finished in 0.01 s.\n**bold** [link](https://example.com) @everyone",
        "`a`` ```fence``` <@&123>",
        "\u202eevil" + "x" * 500,
    ],
)
def test_snippet_chosen_names_stay_one_inert_line_on_the_status_line(name):
    reply = reply_for(status="error", returncode=1, error={"type": name, "line": 2})
    status, _, _rest = reply.content.partition("\n")
    assert status.startswith("❌ `") and "` on line 2 (exit code 1)" in status
    inline = status.split("`")[1]
    assert "\n" not in inline and "@everyone" not in inline and "<@&123>" not in inline
    assert "\u202e" not in inline and len(inline) <= 60
    assert status.count("`") == 2


def test_long_output_shows_the_start_and_attaches_the_rest():
    output = "".join(f"line {i}\n" for i in range(5000))
    reply = reply_for(status="ok", output=output, output_bytes=len(output))
    assert len(reply.content) <= 2000
    assert "line 0" in reply.content
    (attachment,) = reply.attachments
    assert attachment.filename == "output.txt"
    assert attachment.data.decode().endswith("line 4999")


def test_truncated_output_says_how_much_was_written():
    reply = reply_for(status="ok", output="x" * 100, output_bytes=10**9, truncated=True)
    assert "1,000,000,000 bytes" in reply.content


def test_hints_are_shown():
    hint = {"topic": "await-outside-async", "why": "Wrap the code in async def main()."}
    reply = reply_for(status="error", returncode=1, hints=[hint])
    assert "💡 Wrap the code in async def main()." in reply.content
    assert reply.meta["hints"] == ["await-outside-async"]
    # each hint offers its topic: the Explain cog's button shows it with its demo
    assert [(b.label, b.args) for b in reply.buttons] == [
        ("Explain: await-outside-async", ("await-outside-async",))
    ]
