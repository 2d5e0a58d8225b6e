"""Virtual time (`fast=True`): sleeps cost no real time, every clock agrees, and a
program prints what it prints on a real clock (timing programs in
tests/sandbox/timing/ print times rounded, so a real run agrees)."""

from __future__ import annotations

import pytest

from .helpers import HERE, normalise_reference, reference_output, run_batch

TIMING = sorted((HERE / "timing").glob("*.py"))
REAL_TIME_ONLY = {"one_hour"}  # too long for the real-clock comparison


@pytest.fixture(scope="module")
def fast():
    jobs = [(p.stem, p.read_text()) for p in TIMING]
    return run_batch(jobs, timeout=10, fast=True)


@pytest.fixture(scope="module")
def real():
    jobs = [(p.stem, p.read_text()) for p in TIMING if p.stem not in REAL_TIME_ONLY]
    return run_batch(jobs, timeout=10)


@pytest.mark.parametrize("program", TIMING, ids=lambda p: p.stem)
def test_a_timing_program_prints_on_virtual_time_what_it_prints_on_a_real_clock(
    program, fast, real, tmp_path
):
    result = fast[program.stem]
    assert result.status == "ok" and result.virtual_time, result
    assert result.wall_ms < 1500, "virtual sleeps must not take real time"
    if program.stem in REAL_TIME_ONLY:
        return
    expected, _ = reference_output(program.read_text(), tmp_path)
    assert result.output == normalise_reference(expected, tmp_path)
    assert real[program.stem].output == result.output
    assert not real[program.stem].virtual_time


def test_an_hour_of_sleep_takes_no_time_and_reads_exactly_an_hour():
    source = (HERE / "timing" / "one_hour.py").read_text()
    results = run_batch([(str(n), source) for n in range(3)], timeout=5, fast=True)
    outputs = {r.output for r in results.values()}
    hour = 3600  # the program's HOUR
    assert outputs == {f"slept {hour:.2f} s\n"}
    assert max(r.wall_ms for r in results.values()) < 1500


def test_every_clock_agrees_on_virtual_time():
    program = """
import asyncio, datetime, time
async def main():
    loop = asyncio.get_running_loop()
    marks = (time.monotonic(), time.perf_counter(), time.time(), loop.time(),
             datetime.datetime.now().timestamp(), time.monotonic_ns() / 1e9)
    await asyncio.sleep(42)
    after = (time.monotonic(), time.perf_counter(), time.time(), loop.time(),
             datetime.datetime.now().timestamp(), time.monotonic_ns() / 1e9)
    print([round(b - a) for a, b in zip(marks, after)], type(datetime.datetime.now()).__name__)
asyncio.run(main())
"""
    result = run_batch([("clocks", program)], fast=True)["clocks"]
    assert result.output == "[42, 42, 42, 42, 42, 42] datetime\n"
