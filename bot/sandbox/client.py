"""SandboxClient: the Sandbox API over the Unix socket of `python -m bot.sandbox
serve` (docs/protocol.md).

Each call opens a connection of its own, so a restarted server is simply found
again by the next call. A call that gets no usable answer raises SandboxDown
(a ConnectionError): NotDelivered when nothing ran, so the request may go to
another server; AnswerLost when the request was sent and its fate is unknown.
The server's answers are bounded and checked before they become a Result: the
sandbox's side is the one that runs hostile code.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import os
from typing import Any

from . import service
from .limits import WALL_SECONDS
from .result import STATUSES, Diagnose, Result
from .service import ANSWER_LIMIT, REQUEST_LIMIT, VERSION
from .slots import Queued

log = logging.getLogger(__name__)

CONNECT_SECONDS = 10.0
EXTRA_SECONDS = 30.0  # beyond a run's own time limit: queueing, start-up, the answer
STATS_SECONDS = 10.0


class SandboxDown(ConnectionError):
    """The sandbox service gave no usable answer; the bot says it is unavailable."""


class NotDelivered(SandboxDown):
    """Nothing ran: no connection, the server turned the request away, or it closed
    before reading it. Safe to send to another server."""


class VersionMismatch(NotDelivered):
    """The server speaks another protocol version."""


class AnswerLost(SandboxDown):
    """The request was sent but no usable answer came back (the server stopped or
    died, the deadline passed, the answer was malformed): the run's fate is unknown."""


async def _read_line(reader: asyncio.StreamReader, deadline: float, wait: float) -> bytes:
    try:
        left = deadline - asyncio.get_running_loop().time()
        return await asyncio.wait_for(reader.readline(), max(left, 0.0))
    except TimeoutError as exc:
        raise AnswerLost(f"no answer from the sandbox within {wait:g} s") from exc
    except (OSError, ValueError) as exc:  # ValueError: longer than ANSWER_LIMIT
        raise AnswerLost(f"no usable answer from the sandbox: {exc}") from exc


def _tell(queued: Queued | None, answer: dict[str, Any]) -> bool:
    """Pass a progress line's place on; False for the answer itself."""
    if "queued" not in answer:
        return False
    place = answer["queued"]
    if isinstance(place, bool) or not isinstance(place, int) or place < 0:
        raise AnswerLost("the sandbox service sent a malformed progress line")
    if queued is not None:
        queued(place)
    return True


def request_line(request: dict[str, Any]) -> bytes:
    return json.dumps({"v": VERSION, **request}).encode() + b"\n"


class SandboxClient:
    def __init__(
        self,
        socket_path: str | os.PathLike[str],
        *,
        timeout: float = 60.0,
        diagnose: Diagnose | None = None,
    ) -> None:
        self.socket_path = os.fspath(socket_path)
        self.timeout = timeout
        self.diagnose = diagnose

    async def __aenter__(self) -> SandboxClient:
        return self

    async def __aexit__(self, *exc_info) -> None:
        return None

    def __repr__(self) -> str:
        return f"SandboxClient({self.socket_path!r})"

    async def _call(self, line: bytes, wait: float, queued: Queued | None = None) -> dict[str, Any]:
        """Send one request line and read the answer line, on a new connection;
        progress lines before it (a run's place in line) go to `queued`."""
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_unix_connection(self.socket_path, limit=ANSWER_LIMIT),
                CONNECT_SECONDS,
            )
        except (OSError, TimeoutError) as exc:
            raise NotDelivered(f"cannot reach the sandbox at {self.socket_path}: {exc}") from exc
        try:
            try:
                writer.write(line)
                await asyncio.wait_for(writer.drain(), CONNECT_SECONDS)
            except (OSError, TimeoutError) as exc:
                # The server closed before reading the whole request: nothing ran.
                raise NotDelivered(f"the sandbox at {self.socket_path} hung up: {exc}") from exc
            deadline = asyncio.get_running_loop().time() + wait
            while _tell(queued, answer := self._checked(await _read_line(reader, deadline, wait))):
                pass
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
        return answer

    def _checked(self, line: bytes) -> dict[str, Any]:
        if not line.endswith(b"\n"):
            raise AnswerLost("the sandbox service closed the connection before answering")
        try:
            answer = json.loads(line)
        except (ValueError, RecursionError) as exc:
            raise AnswerLost("the sandbox service answered with malformed JSON") from exc
        if not isinstance(answer, dict):
            raise AnswerLost("the sandbox service answered with something not an object")
        if answer.get("v") != VERSION:
            theirs = answer.get("v")
            message = (
                f"the sandbox service at {self.socket_path} speaks protocol {theirs!r}, "
                f"this client {VERSION}: run the same awaitbot version on both sides"
            )
            log.error("%s", message)  # an admin's mistake: say so where they look
            raise VersionMismatch(message)
        if answer.get("ok") is True or "queued" in answer:
            return answer
        error = str(answer.get("error") or "the sandbox service refused the request")
        reason = answer.get("reason")
        if reason == service.BUSY:
            raise NotDelivered(error)
        if reason == service.FAILED:
            raise AnswerLost(error)
        # A request this client got wrong: a bug, not an outage.
        raise ValueError(error)

    async def run(
        self,
        code: str,
        *,
        timeout: float | None = None,  # noqa: ASYNC109 - the documented API
        memory_mib: int | None = None,
        mode: str = "script",
        python: str | None = None,
        fast: bool = False,
        timeline: bool = False,
        stdin: str = "",
        queued: Queued | None = None,
    ) -> Result:
        """Sandbox.run over the socket; `queued` hears the run's place in line."""
        request = {
            "op": "run",
            "code": code,
            "timeout": timeout,
            "memory_mib": memory_mib,
            "mode": mode,
            "python": python,
            "fast": fast,
            "timeline": timeline,
            "stdin": stdin,
            "progress": queued is not None,
        }
        line = request_line(request)
        if len(line) > REQUEST_LIMIT:
            # As the local Sandbox refuses an oversized snippet: nothing runs.
            return Result.refused(
                "rejected",
                "TooLarge",
                f"the request is {len(line)} bytes; the sandbox service takes {REQUEST_LIMIT}",
            )
        answer = await self._call(line, (timeout or WALL_SECONDS) + EXTRA_SECONDS, queued)
        result = self._result(answer.get("result"))
        if self.diagnose is not None:
            result = dataclasses.replace(result, hints=self.diagnose(result))
        return result

    @staticmethod
    def _result(fields: Any) -> Result:
        if not isinstance(fields, dict) or fields.get("status") not in STATUSES:
            raise AnswerLost("the sandbox service answered a run without a valid result")
        if not isinstance(fields.get("output", ""), str):
            raise AnswerLost("the sandbox service answered a run without a valid result")
        return Result.from_dict(fields)

    async def stats(self) -> dict[str, Any]:
        stats = (await self._call(request_line({"op": "stats"}), STATS_SECONDS)).get("stats")
        if not isinstance(stats, dict):
            raise AnswerLost("the sandbox service answered stats without an object")
        return stats
