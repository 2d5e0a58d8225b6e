"""The public API: Result, statuses, limits, hints, stats, the CLI and the socket server."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.sandbox import Limits, Result, SandboxClient, boundary
from bot.sandbox.client import NotDelivered
from bot.sandbox.limits import OUTPUT_BYTES, SOURCE_BYTES

from .helpers import WORKER_PYTHON, Sandbox, run_processes, worker_process

REPO = Path(__file__).resolve().parents[2]
RESULT_FIELDS = {
    "status",
    "returncode",
    "signal",
    "output",
    "output_bytes",
    "truncated",
    "wall_ms",
    "cpu_ms",
    "error",
    "limit",
    "hints",
    "virtual_time",
    "timeline",
    "facts",  # beyond contract 1: what the hints were made from
}


@pytest.fixture
async def sandbox():
    async with Sandbox(Limits(concurrency=2)) as box:
        yield box


async def test_result_serialises_with_every_contract_field(sandbox):
    result = await sandbox.run("print('hi')")
    assert result.status == "ok" and result.output == "hi\n" and result.returncode == 0
    assert set(json.loads(result.to_json())) == RESULT_FIELDS
    assert Result.from_dict(result.to_dict()) == result


async def test_uncaught_error_reports_type_message_and_line(sandbox):
    result = await sandbox.run("x = 1\n\nraise KeyError('nope')\n")
    assert result.status == "error" and result.returncode == 1
    assert result.error == {"type": "KeyError", "message": "'nope'", "line": 3}
    assert "bot/sandbox" not in result.output and "RestrictedPython" not in result.output


async def test_module_level_await_is_cpythons_syntax_error_with_a_hint(sandbox):
    result = await sandbox.run("import asyncio\nawait asyncio.sleep(0)\n")
    assert result.status == "error"
    assert result.error["type"] == "SyntaxError"
    assert result.output.endswith("SyntaxError: 'await' outside function\n")
    assert [h["topic"] for h in result.hints] == ["await-outside-async"]


async def test_repl_mode_runs_top_level_await(sandbox):
    code = "import asyncio\nawait asyncio.sleep(0)\nprint(await asyncio.sleep(0, 'top'))\n"
    result = await sandbox.run(code, mode="repl")
    assert (result.status, result.output) == ("ok", "top\n")


async def test_repl_mode_has_asyncio_imported_like_python_m_asyncio(sandbox):
    result = await sandbox.run("await asyncio.sleep(0)\nprint('ok')\n", mode="repl")
    assert result.status == "ok" and result.output == "ok\n"
    script = await sandbox.run("print(asyncio)\n")
    assert "NameError: name 'asyncio' is not defined" in script.output


@pytest.mark.parametrize(
    ("code", "kind", "line"),
    [
        # Since 3.12 the traceback module adds "Did you mean" to these itself;
        # on 3.13 it first imports the built-in `_suggestions`.
        ("import asyncio\nasyncio.sleeep(1)\n", "AttributeError", 2),
        ("asyncio.sleep(1)\n", "NameError", 1),
        ("from asyncio import sleeep\n", "ImportError", 1),
        # Snippet code that runs while the traceback is formatted, and raises.
        (
            "class A:\n    @property\n    def value(self):\n        raise ValueError\n"
            "    def f(self):\n        return value\nA().f()\n",
            "NameError",
            6,
        ),
        (
            "class A:\n    @property\n    def value(self):\n        raise SystemExit(3)\n"
            "    def f(self):\n        return value\nA().f()\n",
            "NameError",
            6,
        ),
        (
            "class E(AttributeError):\n    @property\n    def name(self):\n"
            "        raise ValueError\nraise E('e')\n",
            "E",
            5,
        ),
        (
            "class G(ExceptionGroup):\n    @property\n    def exceptions(self):\n"
            "        raise ValueError\nraise G('g', [ValueError(1)])\n",
            "G",
            5,
        ),
    ],
    ids=[
        "attribute",
        "name",
        "import",
        "property-raises",
        "property-exits",
        "name-property",
        "group-exceptions-property",
    ],
)
async def test_errors_are_reported_whatever_formatting_them_runs(sandbox, code, kind, line):
    result = await sandbox.run(code)
    assert result.status == "error" and result.returncode == 1
    assert (result.error["type"], result.error["line"]) == (kind, line)
    assert f"{kind}: " in result.output


async def test_type_parameter_syntax_is_refused(sandbox):
    """3.12 added `type X = ...` and type parameters (PEP 695). A type parameter's
    name is a plain string, not a Name the policy checks (`def f[_getiter_]()`
    would shadow a guard), so the policy must refuse them; RestrictedPython does,
    as it does every AST node it does not know. On 3.11 they do not parse."""
    minor = int((await sandbox.run("import sys\nprint(sys.version_info[1])\n")).output)
    for code in (
        "type Pair = tuple[int, int]\n",
        "def f[_getiter_](x):\n    return x\n",
        "async def f[T](x: T) -> T:\n    return x\n",
        "class Box[T]:\n    pass\n",
    ):
        result = await sandbox.run(code)
        if minor >= 12:
            assert (result.status, result.error["type"]) == ("rejected", "PolicyError"), code
        else:
            assert (result.status, result.error["type"]) == ("error", "SyntaxError"), code


async def test_policy_violation_is_rejected(sandbox):
    result = await sandbox.run("print(().__class__)\n")
    assert result.status == "rejected"
    assert result.error["type"] == "PolicyError" and result.error["line"] == 1


async def test_oversized_source_is_rejected_without_running(sandbox):
    result = await sandbox.run("#" * (SOURCE_BYTES + 1))
    assert result.status == "rejected" and "limit" in result.error["message"]


async def test_blocking_sleep_times_out_with_a_blocking_calls_hint(sandbox):
    code = "import asyncio, time\nasync def main():\n    time.sleep(30)\nasyncio.run(main())\n"
    started = time.monotonic()
    result = await sandbox.run(code, timeout=1)
    assert result.status == "timeout"
    assert time.monotonic() - started < 3
    assert "blocking-calls" in [h["topic"] for h in result.hints]


async def test_memory_exhaustion_has_its_own_status(sandbox):
    result = await sandbox.run("x = bytearray(1 << 30)\n", memory_mib=64)
    assert result.status == "memory" and result.error["type"] == "MemoryLimit"


async def test_a_busy_loop_runs_into_the_cpu_limit_not_the_clock():
    async with Sandbox(Limits(concurrency=1, cpu_seconds=1)) as box:
        result = await box.run("while True:\n    pass\n", timeout=8)
    assert result.status == "timeout" and result.limit == {"name": "cpu", "value": 1}
    assert result.wall_ms < 8000


async def test_sleeping_past_the_deadline_runs_into_the_wall_clock_limit(sandbox):
    result = await sandbox.run("import time\ntime.sleep(30)\n", timeout=1)
    assert result.status == "timeout" and result.limit == {"name": "wall", "value": 1}
    assert result.cpu_ms < 500


async def test_memory_exhaustion_names_the_limit_it_ran_into(sandbox):
    result = await sandbox.run("x = bytearray(1 << 30)\n", memory_mib=64)
    assert result.limit == {"name": "memory", "value": 64}


THREAD_BOMB = """\
from concurrent.futures import ThreadPoolExecutor
import time
with ThreadPoolExecutor(max_workers=200) as pool:
    try:
        for _ in range(200):
            pool.submit(time.sleep, 0.2)
    except RuntimeError as exc:
        print(exc)
"""


async def test_a_thread_bomb_runs_into_the_thread_limit(sandbox):
    if not sandbox.stats()["isolation"].get("cgroup"):
        pytest.skip("the thread limit is counted by the pids cgroup")
    result = await sandbox.run(THREAD_BOMB)
    assert result.output == "can't start new thread\n"
    assert result.status == "ok" and result.limit == {"name": "threads", "value": 40}
    assert (await sandbox.run("print(1)")).limit is None  # the counter is per run


async def test_output_is_capped_but_counted(sandbox):
    result = await sandbox.run("for i in range(4000):\n    print('x' * 99)\n")
    assert result.status == "ok"
    assert result.truncated and result.output_bytes == 400_000
    assert len(result.output.encode()) == OUTPUT_BYTES


async def test_queue_overflow_answers_busy_immediately():
    async with Sandbox(Limits(concurrency=1, queue_bound=1)) as box:
        code = "import time\ntime.sleep(0.5)\n"
        first = asyncio.create_task(box.run(code))
        await asyncio.sleep(0.05)
        second = asyncio.create_task(box.run(code))
        await asyncio.sleep(0.05)
        third = await box.run(code)
        assert third.status == "busy"
        assert [r.status for r in await asyncio.gather(first, second)] == ["ok", "ok"]
        stats = box.stats()
    assert stats["by_status"] == {"ok": 2, "busy": 1}


async def test_stats_report_workers_queue_counts_and_isolation(sandbox):
    await sandbox.run("pass")
    stats = sandbox.stats()
    for key in ("workers", "slots", "queue", "runs", "failures", "isolation", "missing_layers"):
        assert key in stats
    assert stats["workers"] == 1 and stats["runs"] == 1 and stats["missing_layers"] == []
    assert stats["isolation"]["landlock"] >= 1 and stats["isolation"]["seccomp"]


async def test_weak_isolation_is_refused_unless_accepted(monkeypatch, caplog):
    # The same worker started plainly: no bubblewrap, so no namespaces and no uid drop.
    monkeypatch.setattr(boundary, "bwrap", lambda: None)
    caplog.set_level(logging.WARNING, logger="bot.sandbox.sandbox")
    async with Sandbox(Limits(concurrency=1)) as box:
        refused = await box.run("print('x')")
        again = await box.run("print('x')")
    assert refused.status == again.status == "rejected"
    assert "uid_drop" in refused.error["message"]
    assert len([r for r in caplog.records if "isolation is incomplete" in r.message]) == 1
    async with Sandbox(Limits(concurrency=1), accept_weak_isolation=True) as box:
        accepted = await box.run("print('x')")
    assert accepted.status == "ok" and accepted.output == "x\n"


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.sandbox", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )


def test_cli_prints_one_json_object_and_exits_zero_whatever_the_snippet_did(tmp_path):
    ok = _cli("run", "-", stdin="print('cli')\n")
    assert ok.returncode == 0 and json.loads(ok.stdout)["output"] == "cli\n"
    snippet = tmp_path / "s.py"
    snippet.write_text("import time\ntime.sleep(5)\n")
    slow = _cli("run", str(snippet), "--timeout", "1", "--memory", "64", "--mode", "script")
    assert slow.returncode == 0
    assert len(slow.stdout.strip().splitlines()) == 1
    assert json.loads(slow.stdout)["status"] == "timeout"


def test_cli_usage_error_exits_two_with_one_line():
    bad = _cli("run", "-", "--mode", "bogus")
    assert bad.returncode == 2 and bad.stdout == ""


async def test_socket_server_and_client_speak_the_same_api(tmp_path):
    path = tmp_path / "sandbox.sock"
    server = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.sandbox", "serve", "--socket", str(path),
        "--concurrency", "2", cwd=REPO,
    )  # fmt: skip
    try:
        async with SandboxClient(path) as client:
            for _ in range(300):
                try:
                    await client.stats()
                    break
                except NotDelivered:  # not listening yet
                    await asyncio.sleep(0.05)
            result = await client.run("print('over the socket')", timeout=5)
            stats = await client.stats()
            slow = await client.run("while True:\n    pass\n", timeout=1)
        assert result.status == "ok" and result.output == "over the socket\n"
        assert stats["runs"] >= 1 and "isolation" in stats
        assert slow.status == "timeout"
    finally:
        server.terminate()
        await server.wait()
    assert not path.exists()


async def test_a_dead_worker_is_replaced_on_the_next_run():
    async with Sandbox(Limits(concurrency=1)) as box:
        assert (await box.run("print(1)")).status == "ok"
        process = worker_process(box).process
        os.killpg(process.pid, signal.SIGKILL)
        await process.wait()
        result = await box.run("print(2)")
        assert (result.status, result.output) == ("ok", "2\n")
        assert box.stats()["restarts"] == 1


LEFTOVERS = """\
import asyncio
import time


async def main():
    loop = asyncio.get_running_loop()
    loop.run_in_executor(None, time.sleep, 30)  # a thread still sleeping when main ends
    asyncio.create_task(asyncio.sleep(30))  # and a task still pending
    print("main done")


asyncio.run(main())
"""


async def test_nothing_a_snippet_started_outlives_its_result():
    async with Sandbox(Limits(concurrency=1, wall_seconds=2)) as box:
        await box.run("print('warm')")
        before = run_processes(box)  # the spare that will run the snippet
        result = await box.run(LEFTOVERS)
        after = run_processes(box)
    # Like CPython, asyncio.run waits for the executor's thread; the wall clock ends it.
    assert (result.status, result.output) == ("timeout", "main done\n")
    assert before, "the child that will run the snippet is already waiting"
    assert not before & after, "the process that ran the snippet is gone with its threads"


async def test_stdin_is_read_as_python3_reads_a_pipe(sandbox, tmp_path):
    source = (
        "name = input('name? ')\n"
        "import sys\n"
        "print('hi', name, repr(sys.stdin.readline()))\n"
        "for line in sys.stdin:\n"
        "    print('line', line.rstrip())\n"
        "try:\n"
        "    input()\n"
        "except EOFError as exc:\n"
        "    print('EOF:', exc)\n"
    )
    given = "Ada\nsecond\nthird\nfourth"
    script = tmp_path / "snippet.py"
    script.write_text(source)
    plain = await asyncio.to_thread(
        subprocess.run,
        [WORKER_PYTHON, "snippet.py"],
        cwd=tmp_path,
        input=given,
        capture_output=True,
        text=True,
    )
    result = await sandbox.run(source, stdin=given)
    assert result.status == "ok" and result.output == plain.stdout
    empty = await sandbox.run("input()")
    assert empty.error["type"] == "EOFError"
