"""SandboxClient: the Sandbox API over the Unix socket of `python -m bot.sandbox
serve` (the protocol is described in service.py)."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import os
from typing import Any

from .limits import WALL_SECONDS
from .result import Diagnose, Result
from .service import REQUEST_LIMIT, VERSION

EXTRA_SECONDS = 30.0


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

    async def _call(self, request: dict[str, Any], wait: float) -> dict[str, Any]:
        reader, writer = await asyncio.wait_for(
            asyncio.open_unix_connection(self.socket_path, limit=REQUEST_LIMIT * 4), 10
        )
        try:
            writer.write(json.dumps({"v": VERSION, **request}).encode() + b"\n")
            await writer.drain()
            line = await asyncio.wait_for(reader.readline(), wait)
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
        if not line:
            raise ConnectionError("the sandbox server closed the connection")
        answer = json.loads(line)
        if not isinstance(answer, dict) or answer.get("v") != VERSION:
            raise ConnectionError(
                f"the sandbox server speaks protocol {answer.get('v') if isinstance(answer, dict) else '?'}"
                f", this client {VERSION}: upgrade the older one"
            )
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
        python: str | None = None,
        fast: bool = False,
        timeline: bool = False,
        stdin: str = "",
    ) -> Result:
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
        }
        answer = await self._call(request, (timeout or WALL_SECONDS) + EXTRA_SECONDS)
        result = Result.from_dict(answer["result"])
        if self.diagnose is not None:
            result = dataclasses.replace(result, hints=self.diagnose(result))
        return result

    async def stats(self) -> dict[str, Any]:
        return (await self._call({"op": "stats"}, 10))["stats"]
