from pathlib import Path

import discord.ext.test as dpytest
import pytest

from bot.sandbox import interpreters
from tests.interactions import slash

# What the bot relays: the shared output attacks (an extra, when present) and
# our own reply-injection attacks (an exception's name in the status line).
OUTPUT_ATTACKS = sorted(
    (Path(__file__).resolve().parents[3] / "shared/sandbox-attacks/output").glob("*.py")
) + sorted(
    (Path(__file__).resolve().parents[1] / "sandbox/attacks").glob("29[1345]_*.py")
)  # 292 names a user: dpytest cannot send that

ASYNC_SNIPPET = """```py
import asyncio

async def worker(name, delay):
    await asyncio.sleep(delay)
    print(name, "done")

async def main():
    await asyncio.gather(worker("slow", 0.05), worker("fast", 0.01))

asyncio.run(main())
```"""


async def test_run_shows_the_output_in_a_code_block(dpy):
    await dpytest.message("!run print('hello')")
    content = dpytest.get_message().content
    assert content.startswith("✅ Finished")
    assert "```\n1 │ hello\n```" in content


async def test_run_keeps_asyncio_output_in_execution_order(dpy):
    await dpytest.message("!run " + ASYNC_SNIPPET)
    content = dpytest.get_message().content
    assert "```\n1 │ fast done\n2 │ slow done\n```" in content


async def test_run_error_shows_the_snippets_own_traceback(dpy):
    await dpytest.message("!run ```py\nx = 1\nprint(x / 0)\n```")
    content = dpytest.get_message().content
    assert "❌ `ZeroDivisionError` on line 2" in content
    assert 'File "snippet.py", line 2' in content
    assert "bot/" not in content and "sandbox" not in content.lower().split("```")[1]


async def test_await_outside_function_is_the_classic_error_with_a_hint(dpy):
    await dpytest.message("!run ```py\nimport asyncio\nawait asyncio.sleep(0)\n```")
    content = dpytest.get_message().content
    assert "SyntaxError: 'await' outside function" in content
    assert "💡" in content


async def test_run_takes_an_attached_python_file(dpy, tmp_path):
    script = tmp_path / "hello.py"
    script.write_text("print('from a file')\n")
    await dpytest.message("!run", attachments=[str(script)])
    assert "from a file" in dpytest.get_message().content


async def test_long_output_comes_with_a_file(dpy):
    await dpytest.message("!run for i in range(3000): print(i)")
    message = dpytest.get_message()
    assert len(message.content) <= 2000
    assert [a.filename for a in message.attachments] == ["output.txt"]


@pytest.mark.parametrize("attack", OUTPUT_ATTACKS, ids=lambda p: p.name)
async def test_output_attacks_cannot_ping_or_break_the_block(dpy, attack):
    # A 4-backtick fence: some attacks hold ``` in their own source.
    await dpytest.message("!run ````py\n" + attack.read_text() + "\n````")
    content = dpytest.get_message().content
    assert "@everyone" not in content and "@here" not in content
    assert content.count("```") == 2 and content.rstrip().endswith("```")
    status_line = content.split("\n", 1)[0]
    assert "INJECTED" not in status_line and "](" not in status_line


async def test_non_owners_have_a_cooldown(dpy):
    for _ in range(5):
        await dpytest.message("!run print(1)")
        assert "Finished" in dpytest.get_message().content
    await dpytest.message("!run print(1)")
    assert "Slow down" in dpytest.get_message().content


async def test_owner_in_the_console_has_no_cooldown(local):
    for _ in range(7):
        (reply,) = await local.handle("!run print(1)")
        assert reply.meta["status"] == "ok"


async def test_slash_run_with_code_answers_after_deferring(dpy):
    config = dpytest.get_config()
    calls = await slash(
        dpy, config.members[0], config.channels[0], "run", wait_for=2, code="print(6 * 7)"
    )
    assert calls[0][0].endswith("/callback") and calls[0][1]["type"] == 5  # deferred
    assert "42" in calls[1][1]["content"]


async def test_slash_run_without_code_opens_a_form(dpy):
    config = dpytest.get_config()
    calls = await slash(dpy, config.members[0], config.channels[0], "run")
    assert calls[0][1]["type"] == 9  # a modal
    assert calls[0][1]["data"]["title"] == "Run Python"


async def test_run_status_is_in_the_reply_meta(local):
    (reply,) = await local.handle("!run raise SystemExit(3)")
    assert reply.meta["status"] == "error"


@pytest.mark.skipif(
    not {"3.11", "3.13"} <= set(interpreters.available()), reason="needs Python 3.11 and 3.13"
)
async def test_run_on_two_pythons_shows_how_their_output_differs(dpy):
    await dpytest.message("!run --py 3.11,3.13 import sys; print(sys.version_info[:2])")
    content = dpytest.get_message().content
    assert content.startswith("**Python 3.11** ✅") and "\n**Python 3.13** ✅" in content
    assert "```diff\n--- Python 3.11\n+++ Python 3.13\n" in content
    assert "-(3, 11)\n+(3, 13)" in content


async def test_an_unknown_python_is_named_with_the_choices(dpy):
    await dpytest.message("!run --py 2.7 print(1)")
    content = dpytest.get_message().content
    assert "`2.7` is not available" in content and "3.11, 3.12, 3.13" in content


async def test_a_sandbox_outage_is_named_as_one_not_an_error_id(dpy, tmp_path):
    from bot.sandbox import SandboxClient

    dpy.resources.sandbox = SandboxClient(tmp_path / "stopped.sock")  # nothing listens
    await dpytest.message("!run print(1)")
    content = dpytest.get_message().content
    assert "The sandbox is unavailable right now" in content
    assert "error id" not in content


async def test_a_block_marked_input_is_what_input_reads(dpy):
    await dpytest.message("!run ```py\nprint(input().upper())\n```\n```input\nshout\n```")
    assert "SHOUT" in dpytest.get_message().content


async def test_input_without_any_explains_how_to_give_it(dpy):
    await dpytest.message("!run x = input('name? ')")
    content = dpytest.get_message().content
    assert "EOFError" in content and "marked `input`" in content
