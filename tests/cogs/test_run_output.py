"""!run's reply from real runs, through discord.py's command machinery: the
numbered output next to what plain Python prints for the same code, and a
status line that names the limit each kind of runaway snippet ran into."""

import asyncio
import os
import re
import signal
from pathlib import Path

import discord.ext.test as dpytest
import pytest

from bot.config import Settings
from bot.terminal import render
from tests.sandbox.helpers import normalise_reference, reference_output, worker_process

# The bot's limits for these tests: small, so that runaway snippets end soon.
CPU_SECONDS, WALL_SECONDS, MEMORY_MIB = 1, 3, 64
GUTTER = re.compile(r"^(?:\x1b\[0m)?\s*(?:\d+|⋮) │ ?")


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(
        _env_file=None,
        db_path=tmp_path / "awaitbot.db",
        sandbox_cpu_seconds=CPU_SECONDS,
        sandbox_timeout=WALL_SECONDS,
        sandbox_memory_mib=MEMORY_MIB,
    )


def plain_python(code: str, where: Path) -> list[str]:
    """The lines `python3 snippet.py` shows for `code`, as a terminal shows them."""
    workdir = where / "reference"
    workdir.mkdir(exist_ok=True)
    text, _ = reference_output(code, workdir)
    return render(normalise_reference(text, workdir))[0].removesuffix("\n").split("\n")


def rows(content: str) -> list[str]:
    """The output lines of a reply, without their gutters."""
    assert content.count("```") == 2 and content.endswith("```"), content
    body = content.split("```", 1)[1].split("\n", 1)[1].rsplit("\n```", 1)[0]
    return [GUTTER.sub("", line) for line in body.split("\n")]


async def run(code: str):
    await dpytest.message(f"!run ```py\n{code}```")
    return dpytest.get_message()


ORDERED = """\
import asyncio

async def worker(name, delay):
    await asyncio.sleep(delay)
    print(name, "done")

async def main():
    await asyncio.gather(worker("slow", 0.05), worker("fast", 0.01))
    print("\\x1b[32mall\\x1b[0m done")

asyncio.run(main())
"""


async def test_output_lines_are_numbered_and_read_as_plain_python_prints_them(dpy, tmp_path):
    message = await run(ORDERED)
    assert "```ansi\n\x1b[0m1 │ " in message.content
    assert rows(message.content) == plain_python(ORDERED, tmp_path)
    assert message.attachments == []


LONG = "for i in range(300):\n    print(f'line {i}')\nraise ValueError('at the end')\n"


async def test_long_output_shows_its_start_and_its_end_and_comes_whole_as_a_file(dpy, local):
    message = await run(LONG)
    assert [a.filename for a in message.attachments] == ["output.txt"]
    # dpytest drops a message's text when it carries files: read it in the console.
    (reply,) = await local.handle(f"!run ```py\n{LONG}```")
    expected = plain_python(LONG, local.bot.settings.db_path.parent)
    shown = rows(reply.content)
    assert len(shown) <= 15
    assert shown[:3] == expected[:3] and shown[-1] == expected[-1] == "ValueError: at the end"
    assert reply.attachments[0].data.decode().split("\n") == expected


async def test_a_run_that_prints_nothing_says_so(dpy):
    message = await run("x = 1\n")
    assert message.content.startswith("✅ Finished") and message.content.endswith("(no output)")


async def test_a_busy_loop_is_stopped_by_the_cpu_limit(dpy):
    message = await run("while True:\n    pass\n")
    status = message.content.split("\n", 1)[0]
    assert status.startswith(f"⏱️ Stopped: it used all of its {CPU_SECONDS} s of CPU time")


async def test_sleeping_past_the_deadline_is_stopped_by_the_time_limit(dpy):
    message = await run("import time\nprint('waiting')\ntime.sleep(60)\n")
    status = message.content.split("\n", 1)[0]
    assert status == f"⏱️ Stopped: it ran past the {WALL_SECONDS} s time limit (wall clock)."
    assert rows(message.content) == ["waiting"]


async def test_a_big_allocation_is_stopped_by_the_memory_limit(dpy):
    message = await run("blob = bytearray(1 << 30)\n")
    status = message.content.split("\n", 1)[0]
    assert status.startswith(f"💾 Stopped: it used more than its {MEMORY_MIB} MiB of memory")


THREAD_BOMB = """\
from concurrent.futures import ThreadPoolExecutor
import time

with ThreadPoolExecutor(max_workers=200) as pool:
    for _ in range(200):
        pool.submit(time.sleep, 0.2)
"""


async def test_a_thread_bomb_is_told_it_hit_the_thread_limit(dpy):
    if not dpy.resources.sandbox.stats()["isolation"].get("cgroup"):
        pytest.skip("the thread limit is counted by the pids cgroup")
    message = await run(THREAD_BOMB)
    status, limit = message.content.split("\n")[:2]
    assert status.startswith("❌ `RuntimeError` on line 6 (exit code 1)")
    assert limit.startswith("🧵 It hit the limit of 40 threads")
    assert rows(message.content)[-1] == "RuntimeError: can't start new thread"


async def test_processes_cannot_start_and_the_reply_says_why(local):
    (reply,) = await local.handle("!run ```py\nimport os\nos.fork()\n```")
    assert reply.content.startswith("❌ `ImportError` on line 1")
    assert "not available in the sandbox" in rows(reply.content)[-1]


async def test_meta_status_and_limit_reach_the_console(local):
    (reply,) = await local.handle("!run import time; time.sleep(60)")
    assert reply.meta["status"] == "timeout" and reply.meta["limit"] == "wall"


async def test_a_sandbox_stopped_mid_run_is_named_and_then_runs_again(dpy):
    sandbox = dpy.resources.sandbox
    await run("print(1)\n")  # the worker is up
    sent = asyncio.create_task(run("import time\nprint('started')\ntime.sleep(30)\n"))
    while sandbox.stats()["running"] == 0:  # noqa: ASYNC110 - polls the sandbox, no event
        await asyncio.sleep(0.02)
    process = worker_process(sandbox).process
    os.killpg(process.pid, signal.SIGKILL)
    message = await sent
    assert message.content.startswith(
        "⚠️ The sandbox could not finish this run (its worker stopped and is restarting); "
        "try again in a moment."
    )
    assert "error id" not in message.content and "None" not in message.content
    assert (await run("print(2)\n")).content.startswith("✅ Finished")
