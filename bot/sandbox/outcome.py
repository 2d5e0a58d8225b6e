"""From what the worker reported to a Result: status, error, hints."""

from __future__ import annotations

import asyncio
import math
import signal
from typing import Any

from . import hints
from .result import Result

REQUIRED = ("uid_drop", "netns", "pidns", "seccomp")
SETUP_FAILED = 70  # exit status of a child whose jail could not be set up


class Output(asyncio.Protocol):
    """Keeps the first `cap` bytes, counts (and drops) the rest as they arrive."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.kept = bytearray()
        self.total = 0
        self.closed = asyncio.get_running_loop().create_future()

    def data_received(self, data: bytes) -> None:
        self.total += len(data)
        room = self.cap - len(self.kept)
        if room > 0:
            self.kept += data[:room]

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.closed.done():
            self.closed.set_result(None)


def missing_layers(isolation: dict[str, Any]) -> list[str]:
    missing = [name for name in REQUIRED if not isolation.get(name)]
    if not isolation.get("landlock") and not isolation.get("mountns"):
        missing.append("landlock-or-mountns")
    return missing


def build_result(
    event: dict | None, output: Output, code: str, wall: float, cpu_seconds: int
) -> Result:
    """Turn the worker's `done` event and the collected output into a Result."""
    text = output.kept.decode("utf-8", "replace")
    common = {
        "output": text,
        "output_bytes": output.total,
        "truncated": output.total > len(output.kept),
    }
    if event is None:
        return Result(
            status="killed",
            error={
                "type": "SandboxError",
                "message": "the sandbox worker failed",
                "line": None,
            },
            **common,
        )
    report = event.get("report") or {}
    error = report.get("error")
    if not report and event.get("returncode") == SETUP_FAILED:
        return Result(
            status="killed",
            returncode=SETUP_FAILED,
            error={
                "type": "SandboxError",
                "message": "the jail could not be set up",
                "line": None,
            },
            **common,
        )
    signum = event.get("signal")
    cpu_ms = event.get("cpu_ms", 0)
    cpu_limit_ms = max(1, min(cpu_seconds, math.ceil(wall))) * 1000
    if event.get("timed_out"):
        status = "timeout"
        error = {
            "type": "Timeout",
            "message": f"stopped after {wall:g} s (wall-clock limit)",
            "line": None,
        }
    elif signum in (signal.SIGKILL, signal.SIGXCPU) and cpu_ms >= cpu_limit_ms * 0.9:
        status = "timeout"
        error = {
            "type": "Timeout",
            "message": f"stopped after {cpu_limit_ms // 1000} s of CPU time (CPU limit)",
            "line": None,
        }
    elif report.get("kind") == "memory":
        status = "memory"
    elif report.get("kind") == "policy":
        status = "rejected"
    elif signum is not None:
        status = "killed"
        error = {
            "type": "Killed",
            "message": f"killed by signal {signal.Signals(signum).name}",
            "line": None,
        }
    elif event.get("returncode") == 0:
        status = "ok"
    else:
        status = "error"
    found = hints.hints_for(status, error, text, code, cpu_ms, event.get("wall_ms", 0))
    return Result(
        status=status,
        returncode=event.get("returncode"),
        signal=signum,
        wall_ms=event.get("wall_ms", 0),
        cpu_ms=cpu_ms,
        error=error,
        hints=found,
        **common,
    )
