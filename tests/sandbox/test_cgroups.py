"""The supervisor's cgroups on the real hierarchy: a service killed without
cleaning up (SIGKILL, `docker kill`) must not cost the next one its cgroups."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from bot.sandbox.cgroups import PREFIX, CgroupPlan, sweep

PLAN = CgroupPlan.create(2)
if PLAN is not None:
    PLAN.remove()
pytestmark = pytest.mark.skipif(
    PLAN is None, reason="cgroups need root and the memory and pids controllers"
)


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def _leftover(plan: CgroupPlan, name: str) -> list[Path]:
    """What a killed service leaves: a plan directory with its cells, beside `plan`'s."""
    made = []
    for path in plan.dirs.values():
        directory = Path(path).parent / name
        directory.mkdir()
        for cell in ("cell0", "cell1"):
            (directory / cell).mkdir()
        made.append(directory)
    return made


def test_a_dead_services_cgroups_are_removed_by_the_next_plan():
    first = CgroupPlan.create(2)
    assert first is not None
    leftovers = _leftover(first, f"{PREFIX}{_dead_pid()}-0")
    second = CgroupPlan.create(2)
    try:
        assert second is not None
        assert not any(path.exists() for path in leftovers)
        # A plan whose owner lives (this process) stays, idle or not.
        assert all(os.path.isdir(path) for path in first.dirs.values())
    finally:
        for plan in (first, second):
            if plan is not None:
                plan.remove()
    assert not any(os.path.exists(path) for path in first.dirs.values())


def test_a_plan_is_made_beside_a_leftover_whose_pid_came_round_again():
    """pids wrap: a new service may get a killed one's pid, and with it its name."""
    probe = CgroupPlan.create(1)
    assert probe is not None
    leftovers = _leftover(probe, f"{PREFIX}{os.getpid()}-0")  # the pid is ours now: kept
    probe.remove()
    try:
        plan = CgroupPlan.create(2)
        assert plan is not None
        plan.remove()
    finally:
        for path in leftovers:
            for cell in ("cell0", "cell1"):
                (path / cell).rmdir()
            path.rmdir()


def test_a_plan_with_a_process_in_it_is_not_swept(tmp_path):
    """Even with its owner gone, a cgroup a process still runs in stays (the
    kernel refuses, and the sweep gives up at once rather than wait)."""
    plan = CgroupPlan.create(2)
    assert plan is not None
    dead = f"{PREFIX}{_dead_pid()}-1"
    leftovers = _leftover(plan, dead)
    sleeper = subprocess.Popen(["sleep", "60"])
    try:
        for path in leftovers:
            (path / "cell0" / "cgroup.procs").write_text(str(sleeper.pid))
        other = CgroupPlan.create(1)
        assert other is not None
        other.remove()
        assert all((path / "cell0").is_dir() for path in leftovers)
    finally:
        sleeper.kill()
        sleeper.wait()
        plan.remove()
    # Once the process is gone (the kernel takes a moment), the next sweep clears it.
    deadline = time.monotonic() + 10
    while any(path.exists() for path in leftovers):
        assert time.monotonic() < deadline, "the emptied leftover was never swept"
        for path in leftovers:
            sweep(str(path.parent))
        time.sleep(0.01)
