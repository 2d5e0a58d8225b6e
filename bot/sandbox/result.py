"""The outcome of one sandbox run."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

STATUSES = ("ok", "error", "timeout", "memory", "killed", "rejected", "busy")


@dataclasses.dataclass(frozen=True)
class Result:
    """What happened to a snippet. `output` holds stdout and stderr in the order written."""

    status: str
    returncode: int | None = None
    signal: int | None = None
    output: str = ""
    output_bytes: int = 0
    truncated: bool = False
    wall_ms: int = 0
    cpu_ms: int = 0
    error: dict[str, Any] | None = None
    # The limit the run ran into, as the kernel reported it: `{"name", "value"}` with
    # name `wall` or `cpu` (seconds), `memory` (MiB) or `threads` (how many it may
    # have); None when it stayed within all of them. See docs/sandbox.md.
    limit: dict[str, Any] | None = None
    # What the run's diagnose hook (bot/knowledge/diagnostics.py) made of the facts.
    hints: list[dict[str, str]] = dataclasses.field(default_factory=list)
    # Facts for diagnosis: `blocking_sleep_lines` (where an `async def` calls
    # time.sleep, found at compile time) and `blocked` (spans the loop was blocked).
    facts: dict[str, Any] = dataclasses.field(default_factory=dict)
    virtual_time: bool = False  # the run's clocks jumped over its sleeps (--fast)
    timeline: dict[str, Any] | None = None  # with --timeline: see docs/sandbox.md

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        names = {field.name for field in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})

    @classmethod
    def refused(cls, status: str, kind: str, message: str) -> Result:
        """A run that never started: `rejected` or `busy`."""
        return cls(status=status, error={"type": kind, "message": message, "line": None})


# Turns a Result's facts into hints (`{topic, why}`); bot/knowledge/diagnostics.py
# is the one the bot uses, handed to Sandbox and SandboxClient.
Diagnose = Callable[[Result], list[dict[str, str]]]
