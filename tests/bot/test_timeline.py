"""Drawing a run's timeline: the PNG (both themes) and the text chart, from real runs."""

from __future__ import annotations

import asyncio
import json
import struct
import subprocess

import pytest

from bot.sandbox import Limits, Sandbox
from bot.timeline import render_png, render_text
from tests.conftest import PYTHON, REPO, cli_env

PROGRAM = """\
import asyncio, time
async def worker(n):
    await asyncio.sleep(n)
async def main():
    async with asyncio.TaskGroup() as group:
        for n in (1, 2):
            group.create_task(worker(n), name=f"worker-{n}")
    time.sleep(0.5)
    await asyncio.to_thread(sum, range(10))
asyncio.run(main())
"""


@pytest.fixture(scope="module")
def timeline():
    async def main():
        async with Sandbox(Limits(concurrency=1)) as box:
            return await box.run(PROGRAM, fast=True, timeline=True)

    return asyncio.run(main()).timeline


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_the_picture_is_a_png_wide_enough_for_discords_preview(timeline, theme):
    picture = render_png(timeline, theme)
    assert picture[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", picture[16:24])
    assert width == 800 and 200 <= height <= 1400


def test_the_text_chart_has_a_row_per_task_and_names_the_blocked_loop(timeline):
    chart = render_text(timeline)
    lines = chart.splitlines()
    assert lines[0].startswith("Task-1 main()") and lines[0].endswith("✓")
    assert any(line.startswith("worker-1") for line in lines)
    assert any(line.startswith("thread: sum") for line in lines)
    assert any(line.startswith("loop blocked") and "▒" in line for line in lines)
    assert "▒ time.sleep blocked the loop for 0.50 s at line 8" in lines
    assert "(virtual time)" in chart


def test_timeline_through_the_command_line_and_its_button(tmp_path):
    proc = subprocess.run(
        [
            PYTHON,
            "-m",
            "bot",
            "send",
            "--json",
            "!run --fast --timeline " + PROGRAM,
            "!run print(1)",
            "!press 3",  # Timeline, after Run again and Delete
        ],
        cwd=REPO,
        env=cli_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    drawn, plain, pressed = (json.loads(line) for line in proc.stdout.splitlines())
    assert [a["filename"] for a in drawn["attachments"]] == ["timeline.png"]
    assert "Virtual time" in drawn["content"]
    # the blocked loop's hint offers its topic; no Timeline button: it has one
    run_buttons = ["🔁 Run again", "🗑 Delete"]
    assert [b["label"] for b in drawn["buttons"]] == [*run_buttons, "Explain: blocking-calls"]
    assert [b["label"] for b in plain["buttons"]] == [*run_buttons, "Timeline"]
    assert [a["filename"] for a in pressed["attachments"]] == ["timeline.png"]
