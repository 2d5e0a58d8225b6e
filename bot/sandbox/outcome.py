"""From what happened to a run (the worker's facts, the child's report, the output)
to a Result: status, error, facts."""

from __future__ import annotations

import asyncio
import os
import signal
from typing import Any

from .protocol import REFUSED, SETUP_FAILED, Done, Report
from .result import Result

# Layers without which snippets are refused (unless weak isolation is accepted).
REQUIRED = (
    "uid_drop",
    "netns",
    "pidns",
    "ipcns",
    "utsns",
    "mountns",
    "minimal_fs",
    "cgroup",
    "seccomp",
)


class Output:
    """Reads a pipe from a run without blocking the loop: keeps the first `cap`
    bytes, counts (and drops) the rest as they arrive. Owns the read end."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.kept = bytearray()
        self.total = 0
        self.loop = asyncio.get_running_loop()
        self.closed = self.loop.create_future()
        self.fd, write_end = os.pipe2(os.O_CLOEXEC | os.O_NONBLOCK)
        os.set_blocking(write_end, True)  # the child's end
        self.write_end = write_end
        self.loop.add_reader(self.fd, self._readable)

    def _readable(self) -> None:
        try:
            data = os.read(self.fd, 65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self.close()
            return
        self.total += len(data)
        room = self.cap - len(self.kept)
        if room > 0:
            self.kept += data[:room]

    def close(self) -> None:
        if self.fd >= 0:
            self.loop.remove_reader(self.fd)
            os.close(self.fd)
            self.fd = -1
        if not self.closed.done():
            self.closed.set_result(None)


def missing_layers(isolation: dict[str, Any]) -> list[str]:
    return [name for name in REQUIRED if not isolation.get(name)]


def _sandbox_error(message: str, returncode: int | None = None, **common) -> Result:
    error = {"type": "SandboxError", "message": message, "line": None}
    return Result(status="killed", returncode=returncode, error=error, **common)


def build_result(
    done: Done | None,
    report: Report,
    output: Output,
    *,
    wall: float,
    cpu_seconds: int,
    memory_mib: int | None = None,
    threads: int | None = None,
    virtual_time: bool = False,
) -> Result:
    """Decide the status from trusted facts (the kernel's, via the worker, and the
    child's first report record); the untrusted rest of the report only adds the
    error's details to a run that ended with an error."""
    text = output.kept.decode("utf-8", "replace")
    common = {
        "output": text,
        "output_bytes": output.total,
        "truncated": output.total > len(output.kept),
    }
    if done is None:
        return _sandbox_error("its worker stopped and is restarting", **common)
    if report.phase is None and done.returncode == SETUP_FAILED:
        return _sandbox_error("the jail could not be set up", SETUP_FAILED, **common)
    error = report.error
    cpu_limit_ms = cpu_seconds * 1000
    # The limit the run ran into, from the kernel's word: the deadline the worker
    # keeps, the cgroup's OOM and pids counters, RLIMIT_CPU's SIGKILL.
    limit = None
    if done.timed_out:
        status, limit = "timeout", _limit("wall", wall)
        error = _fact("Timeout", f"stopped after {wall:g} s (wall-clock limit)")
    elif done.oom_killed:
        status, limit = "memory", _limit("memory", memory_mib)
        error = _fact("MemoryLimit", "stopped: it used more memory than the limit")
    elif done.signal in (signal.SIGKILL, signal.SIGXCPU) and done.cpu_ms >= cpu_limit_ms * 0.9:
        # Nothing else in the jail sends these: soft and hard RLIMIT_CPU are equal,
        # so the kernel ends the run with SIGKILL once its CPU seconds are spent.
        status, limit = "timeout", _limit("cpu", cpu_seconds)
        error = _fact("Timeout", f"stopped after {cpu_seconds} s of CPU time (CPU limit)")
    elif report.phase == REFUSED:
        status = "rejected"
        error = {**(error or {}), "type": "PolicyError"}
    elif done.signal == signal.SIGINT and report.phase is not None:
        status = "error"  # an uncaught KeyboardInterrupt ends CPython this way
    elif done.signal is not None:
        status = "killed"
        error = _fact("Killed", f"killed by signal {_signal_name(done.signal)}")
    elif done.returncode == 0:
        status, error = "ok", None
    else:
        status = "error"
    if limit is None and done.threads_refused:
        limit = _limit("threads", threads)  # the run went on, without the thread it asked for
    facts = {**(report.facts or {}), "blocked": list(report.blocked)}
    return Result(
        status=status,
        returncode=done.returncode,
        signal=done.signal,
        wall_ms=done.wall_ms,
        cpu_ms=done.cpu_ms,
        error=error,
        limit=limit,
        facts=facts,
        virtual_time=virtual_time,
        timeline=report.timeline,
        **common,
    )


def _limit(name: str, value: float | None) -> dict[str, Any]:
    return {"name": name, "value": value}


def _fact(kind: str, message: str) -> dict[str, Any]:
    return {"type": kind, "message": message, "line": None}


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)
