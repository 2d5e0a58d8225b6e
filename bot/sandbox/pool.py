"""SandboxPool: several sandbox services behind the one Sandbox API.

Each run goes to the endpoint with the fewest runs in flight from this pool
(ties take turns, so a quiet bot still spreads its runs). An endpoint that
cannot take a run (NotDelivered: no connection, busy, another protocol
version) is paused for DOWN_SECONDS and the run goes to the next one. An
endpoint that lost a run's answer is paused too, but that run is reported
failed, not repeated elsewhere: the snippet may be what brought its server
down. A run an endpoint answers `busy` (its queue is full, nothing ran) goes
to the next one too, without a pause. When every endpoint is paused, a run still tries the one whose pause
ends first, so a restarted service is found at once, and a single endpoint
behaves as a plain SandboxClient.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import time
from collections.abc import Iterable
from typing import Any

from .client import AnswerLost, NotDelivered, SandboxClient, SandboxDown
from .result import Diagnose, Result

log = logging.getLogger(__name__)

DOWN_SECONDS = 5.0  # how long an endpoint that failed is passed over
SUMMED = ("workers", "slots", "running", "queue", "queue_bound", "runs", "failures", "restarts")


@dataclasses.dataclass(eq=False)
class Endpoint:
    """One sandbox service and what this pool knows of it."""

    client: SandboxClient
    in_flight: int = 0
    down_until: float = 0.0  # time.monotonic(); 0: up
    last_error: str = ""

    @property
    def socket_path(self) -> str:
        return self.client.socket_path

    def up(self, now: float) -> bool:
        return now >= self.down_until


class SandboxPool:
    def __init__(self, clients: Iterable[SandboxClient]) -> None:
        self.endpoints = [Endpoint(client) for client in clients]
        if not self.endpoints:
            raise ValueError("a sandbox pool needs at least one endpoint")
        self._turn = 0

    @classmethod
    def connect(
        cls, socket_paths: Iterable[str | os.PathLike[str]], *, diagnose: Diagnose | None = None
    ) -> SandboxPool:
        return cls(SandboxClient(path, diagnose=diagnose) for path in socket_paths)

    async def __aenter__(self) -> SandboxPool:
        return self

    async def __aexit__(self, *exc_info) -> None:
        return None

    def _candidates(self) -> list[Endpoint]:
        """The endpoints to try for one run, in order."""
        now = time.monotonic()
        count = len(self.endpoints)
        self._turn = (self._turn + 1) % count
        up = [
            (endpoint.in_flight, (index - self._turn) % count, endpoint)
            for index, endpoint in enumerate(self.endpoints)
            if endpoint.up(now)
        ]
        if up:
            return [endpoint for *_, endpoint in sorted(up, key=lambda row: row[:2])]
        return [min(self.endpoints, key=lambda endpoint: endpoint.down_until)]

    def _pause(self, endpoint: Endpoint, exc: SandboxDown) -> None:
        if endpoint.down_until == 0.0:
            log.warning("sandbox %s is down: %s", endpoint.socket_path, exc)
        endpoint.down_until = time.monotonic() + DOWN_SECONDS
        endpoint.last_error = str(exc)

    def _revive(self, endpoint: Endpoint) -> None:
        if endpoint.down_until != 0.0:
            log.info("sandbox %s is back", endpoint.socket_path)
        endpoint.down_until = 0.0
        endpoint.last_error = ""

    async def run(self, code: str, **options: Any) -> Result:
        """Sandbox.run on the least busy endpoint that takes it (same keywords)."""
        refused: NotDelivered | None = None
        busy: Result | None = None
        for endpoint in self._candidates():
            endpoint.in_flight += 1
            try:
                result = await endpoint.client.run(code, **options)
            except NotDelivered as exc:
                self._pause(endpoint, exc)
                refused = exc
                continue
            except AnswerLost as exc:
                self._pause(endpoint, exc)
                raise
            finally:
                endpoint.in_flight -= 1
            self._revive(endpoint)
            if result.status == "busy":
                # Its queue is full (other bots may share it) and nothing ran: try the next.
                busy = result
                continue
            return result
        if busy is not None:
            return busy
        raise NotDelivered(f"no sandbox endpoint took the run; the last said: {refused}")

    async def stats(self) -> dict[str, Any]:
        """The endpoints' stats added up, with `endpoints` saying how each one is."""
        answers = await asyncio.gather(
            *(endpoint.client.stats() for endpoint in self.endpoints), return_exceptions=True
        )
        found, endpoints = [], []
        for endpoint, answer in zip(self.endpoints, answers, strict=True):
            if isinstance(answer, BaseException) and not isinstance(answer, Exception):
                raise answer
            up = not isinstance(answer, Exception)
            endpoints.append(
                {
                    "socket": endpoint.socket_path,
                    "up": up,
                    "in_flight": endpoint.in_flight,
                    "error": "" if up else str(answer),
                }
            )
            if up:
                found.append(answer)
        if not found:
            raise NotDelivered(f"no sandbox endpoint answered: {endpoints[0]['error']}")
        return {**combined(found), "endpoints": endpoints}


def combined(stats: list[dict[str, Any]]) -> dict[str, Any]:
    """Several services' stats as one: counts added, a layer missing anywhere is
    missing, and a Python is available only where every service has it."""
    first = stats[0]
    total = {key: sum(s.get(key) or 0 for s in stats) for key in SUMMED}
    by_status: dict[str, int] = {}
    for s in stats:
        for status, count in (s.get("by_status") or {}).items():
            by_status[status] = by_status.get(status, 0) + count
    missing = sorted({layer for s in stats for layer in s.get("missing_layers") or []})
    common = [
        v for v in first.get("available") or [] if all(v in s.get("available", []) for s in stats)
    ]
    return {
        **first,
        **total,
        "backend": "pool" if len(stats) > 1 else first.get("backend"),
        "by_status": by_status,
        "missing_layers": missing,
        "available": common,
        "pythons": sorted({v for s in stats for v in s.get("pythons") or []}),
    }
