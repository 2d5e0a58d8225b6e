"""Is a sandbox fit to run snippets? One verdict from its stats, for `!about`,
`python -m bot health` and the sandbox container's own healthcheck."""

from __future__ import annotations

import os
from typing import Any

from .client import SandboxClient


def verdict(stats: dict[str, Any]) -> tuple[bool, str]:
    """(healthy, one short phrase) for a sandbox's `stats()`."""
    if stats.get("missing_layers"):
        return False, f"weak isolation (missing {', '.join(stats['missing_layers'])})"
    if not stats.get("workers"):
        return False, "no worker running"
    endpoints = stats.get("endpoints") or []  # a SandboxPool's, one per socket
    down = sum(1 for endpoint in endpoints if not endpoint["up"])
    return True, (
        f"ok: {stats.get('running', 0)}/{stats.get('slots', '?')} running, "
        f"{stats.get('queue', 0)} queued, {stats.get('runs', 0)} runs, "
        f"{stats.get('failures', 0)} failures"
        + (f"; {down} of {len(endpoints)} sandbox endpoints down" if down else "")
    )


async def check(socket_path: str | os.PathLike[str]) -> tuple[bool, str]:
    """Ask the service at `socket_path` for its stats; never raises."""
    try:
        stats = await SandboxClient(socket_path).stats()
    except Exception as exc:
        return False, f"unavailable ({type(exc).__name__}: {exc})"
    return verdict(stats)
