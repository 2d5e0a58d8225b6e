"""The same API as Sandbox, over a Unix socket served by `python -m bot.sandbox serve`.

Protocol (one request per connection): the client sends one JSON object on one
line, the server answers with one JSON object on one line and closes.

    {"op": "run", "code": "...", "timeout": 3, "memory_mib": null, "mode": "script"}
    -> {"ok": true, "result": {...Result fields...}}
    {"op": "stats"}
    -> {"ok": true, "stats": {...}}
    anything wrong with the request
    -> {"ok": false, "error": "what was wrong"}
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from typing import Any

from .limits import WALL_SECONDS
from .result import Result
from .sandbox import Sandbox

REQUEST_LIMIT = 256 * 1024
EXTRA_SECONDS = 30.0


class SandboxClient:
    def __init__(self, socket_path: str | os.PathLike[str], *, timeout: float = 60.0) -> None:
        self.socket_path = os.fspath(socket_path)
        self.timeout = timeout

    async def __aenter__(self) -> SandboxClient:
        return self

    async def __aexit__(self, *exc_info) -> None:
        return None

    async def _call(self, request: dict[str, Any], wait: float) -> dict[str, Any]:
        reader, writer = await asyncio.wait_for(
            asyncio.open_unix_connection(self.socket_path, limit=REQUEST_LIMIT * 4), 10
        )
        try:
            writer.write(json.dumps(request).encode() + b"\n")
            await writer.drain()
            line = await asyncio.wait_for(reader.readline(), wait)
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
        if not line:
            raise ConnectionError("the sandbox server closed the connection")
        answer = json.loads(line)
        if not answer.get("ok"):
            raise ValueError(answer.get("error", "the sandbox server refused the request"))
        return answer

    async def run(
        self,
        code: str,
        *,
        timeout: float | None = None,  # noqa: ASYNC109 - the documented API
        memory_mib: int | None = None,
        mode: str = "script",
    ) -> Result:
        request = {
            "op": "run",
            "code": code,
            "timeout": timeout,
            "memory_mib": memory_mib,
            "mode": mode,
        }
        answer = await self._call(request, (timeout or WALL_SECONDS) + EXTRA_SECONDS)
        return Result.from_dict(answer["result"])

    async def stats(self) -> dict[str, Any]:
        return (await self._call({"op": "stats"}, 10))["stats"]


async def _handle(sandbox: Sandbox, reader, writer) -> None:
    try:
        try:
            line = await reader.readline()
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError("the request must be a JSON object")
            op = request.get("op")
            if op == "stats":
                answer = {"ok": True, "stats": sandbox.stats()}
            elif op == "run":
                code = request.get("code")
                if not isinstance(code, str):
                    raise ValueError("run needs a string 'code'")
                result = await sandbox.run(
                    code,
                    timeout=_number(request.get("timeout")),
                    memory_mib=_number(request.get("memory_mib")),
                    mode=str(request.get("mode") or "script"),
                )
                answer = {"ok": True, "result": result.to_dict()}
            else:
                raise ValueError("op must be 'run' or 'stats'")
        except (ValueError, asyncio.LimitOverrunError) as exc:
            answer = {"ok": False, "error": str(exc)}
        writer.write(json.dumps(answer).encode() + b"\n")
        await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


def _number(value):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("timeout and memory_mib must be numbers")
    return value


async def serve(sandbox: Sandbox, socket_path: str, stop: asyncio.Event) -> None:
    """Serve until `stop` is set. The socket is created mode 0660."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(socket_path)
    server = await asyncio.start_unix_server(
        lambda r, w: _handle(sandbox, r, w), socket_path, limit=REQUEST_LIMIT
    )
    os.chmod(socket_path, 0o660)
    async with server:
        await stop.wait()
    with contextlib.suppress(FileNotFoundError):
        os.unlink(socket_path)
