"""A sandbox Result as the user sees it: the status line, the output, the hints.

These Results are made by hand to pin each line's wording; tests/cogs/test_run.py
gets the same lines from real runs.
"""

import pytest

from bot.runreply import comparison_reply, result_reply
from bot.sandbox import Result


def test_virtual_time_is_said_under_the_status_line():
    reply = reply_for(status="ok", output="1\n", virtual_time=True)
    assert reply.content.splitlines()[1].startswith("⏩ Virtual time")


def test_a_comparison_shows_one_output_when_the_pythons_agree():
    same = Result(status="ok", returncode=0, output="hi\n", wall_ms=5)
    reply = comparison_reply({"3.11": same, "3.13": same}, 10, 256)
    assert "**Python 3.11** ✅" in reply.content and "**Python 3.13** ✅" in reply.content
    assert "Same output on Python 3.11, 3.13:\n```\n1 │ hi\n```" in reply.content
    assert reply.meta["statuses"] == {"3.11": "ok", "3.13": "ok"}


def test_a_long_shared_output_is_capped_and_attached_whole_as_one_run_is():
    long = "".join(f"line {n}\n" for n in range(1, 101))
    same = Result(status="ok", returncode=0, output=long, wall_ms=5)
    reply = comparison_reply({"3.11": same, "3.12": same}, 10, 256)
    assert "100 │ line 100" in reply.content and " 50 │ line 50" not in reply.content
    assert [a.filename for a in reply.attachments] == ["output.txt"]
    assert reply.attachments[0].data.decode() == long.removesuffix("\n")


def test_a_comparison_shows_a_diff_when_the_pythons_differ():
    old = Result(status="ok", returncode=0, output="a\nsame\n")
    new = Result(status="error", returncode=1, output="b\nsame\n", error={"type": "E", "line": 1})
    reply = comparison_reply({"3.11": old, "3.13": new}, 10, 256)
    assert "```diff\n--- Python 3.11\n+++ Python 3.13\n" in reply.content
    assert "\n-a\n+b\n" in reply.content
    assert reply.meta["status"] == "ok" and reply.meta["statuses"]["3.13"] == "error"


def reply_for(**fields):
    return result_reply(Result(**fields), timeout=10, memory_mib=256)


def cpu(value):
    return {"name": "cpu", "value": value}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"status": "ok", "output": "hi\n", "wall_ms": 12}, "✅ Finished in 0.01 s."),
        (
            {"status": "error", "returncode": 1, "error": {"type": "ValueError", "line": 3}},
            "❌ `ValueError` on line 3 (exit code 1)",
        ),
        (
            {"status": "timeout", "limit": {"name": "wall", "value": 3}},
            "⏱️ Stopped: it ran past the 3 s time limit (wall clock).",
        ),
        (
            {"status": "timeout", "wall_ms": 1250, "limit": cpu(2)},
            "⏱️ Stopped: it used all of its 2 s of CPU time (the CPU limit; a busy loop or "
            "heavy computation), after 1.25 s.",
        ),
        (
            {"status": "memory", "wall_ms": 300, "limit": {"name": "memory", "value": 64}},
            "💾 Stopped: it used more than its 64 MiB of memory, after 0.30 s.",
        ),
        (
            {"status": "killed", "signal": 11, "wall_ms": 20, "error": {"message": "x"}},
            "🛑 Stopped by signal SIGSEGV after 0.02 s.",
        ),
        ({"status": "killed", "signal": 99, "wall_ms": 20}, "🛑 Stopped by signal 99 after"),
        ({"status": "killed", "wall_ms": 20}, "🛑 Stopped after 0.02 s."),
        (
            {"status": "killed", "error": {"type": "SandboxError", "message": "worker lost"}},
            "⚠️ The sandbox could not finish this run (worker lost); try again in a moment.",
        ),
        ({"status": "busy"}, "⏳ The sandbox is busy right now; try again in a few seconds."),
        (
            {"status": "rejected", "error": {"type": "TooLarge", "message": "too big"}},
            "🚫 Not run: `too big`",
        ),
    ],
)
def test_every_status_has_its_own_line(fields, expected):
    reply = reply_for(**fields)
    assert reply.content.startswith(expected)
    assert reply.meta["status"] == fields["status"]
    assert "None" not in reply.content.partition("\n")[0]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"status": "timeout"}, "past the 10 s time limit (wall clock)"),
        ({"status": "memory"}, "more than its 256 MiB"),
        (
            {"status": "timeout", "cpu_ms": 4900, "error": {"message": "stopped (CPU limit)"}},
            "all of its 4.9 s of CPU time",
        ),
    ],
)
def test_a_sandbox_that_does_not_name_the_limit_is_read_from_its_words(fields, expected):
    assert expected in reply_for(**fields).content


def test_the_thread_limit_is_named_whatever_the_run_did_then():
    threads = {"name": "threads", "value": 40}
    error = {"type": "RuntimeError", "line": 4}
    for fields in ({"status": "ok"}, {"status": "error", "returncode": 1, "error": error}):
        reply = reply_for(**fields, limit=threads)
        assert reply.content.splitlines()[1].startswith("🧵 It hit the limit of 40 threads")
        assert reply.meta["limit"] == "threads"


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
