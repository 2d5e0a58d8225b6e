"""`python -m bot.sandbox serve`: the Sandbox API on a Unix socket, for a bot that
runs the sandbox in a container of its own.

Protocol, version 1: one request per connection. The client sends one JSON
object on one line (at most REQUEST_LIMIT bytes), the server answers one JSON
object on one line and closes. Every request is answered, also a malformed one.

    {"v": 1, "op": "run", "code": "...", "timeout": 3, "memory_mib": null,
     "mode": "script", "python": null, "fast": false, "timeline": false}
    -> {"v": 1, "ok": true, "result": {...Result fields...}}
    {"v": 1, "op": "stats"}
    -> {"v": 1, "ok": true, "stats": {...}}
    anything else
    -> {"v": 1, "ok": false, "error": "what was wrong"}

A slow or silent client cannot stall others: the request must arrive within
READ_SECONDS, and beyond MAX_CONNECTIONS open connections new ones are told
the server is busy.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from typing import Any

from .limits import MODES
from .sandbox import Sandbox

log = logging.getLogger(__name__)

VERSION = 1
REQUEST_LIMIT = 256 * 1024
READ_SECONDS = 10.0
WRITE_SECONDS = 10.0
MAX_CONNECTIONS = 64


class BadRequest(ValueError):
    pass


def parse_request(line: bytes) -> dict[str, Any]:
    """A request as the server accepts it, or BadRequest saying why not."""
    try:
        request = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise BadRequest("the request is not valid JSON") from exc
    if not isinstance(request, dict):
        raise BadRequest("the request must be a JSON object")
    if request.get("v") != VERSION:
        raise BadRequest(
            f"unsupported protocol version {request.get('v')!r}; this server speaks {VERSION}"
        )
    op = request.get("op")
    if op == "stats":
        return {"op": "stats"}
    if op != "run":
        raise BadRequest("op must be 'run' or 'stats'")
    if not isinstance(request.get("code"), str):
        raise BadRequest("run needs a string 'code'")
    mode = request.get("mode") or "script"
    if mode not in MODES:
        raise BadRequest(f"mode must be one of {', '.join(MODES)}")
    stdin = request.get("stdin") or ""
    if not isinstance(stdin, str):
        raise BadRequest("stdin must be a string")
    python = request.get("python")
    if python is not None and not isinstance(python, str):
        raise BadRequest("python must be a version string such as '3.12'")
    return {
        "op": "run",
        "code": request["code"],
        "timeout": _number(request.get("timeout"), "timeout"),
        "memory_mib": _number(request.get("memory_mib"), "memory_mib"),
        "mode": mode,
        "python": python,
        "fast": request.get("fast") is True,
        "timeline": request.get("timeline") is True,
        "stdin": stdin,
    }


def _number(value, name: str):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadRequest(f"{name} must be a number")
    return value


class Server:
    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.connections = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            if self.connections > MAX_CONNECTIONS:
                answer = {"ok": False, "error": "the sandbox server is busy; try again shortly"}
            else:
                answer = await self.answer(reader)
            writer.write(json.dumps({"v": VERSION, **answer}).encode() + b"\n")
            await asyncio.wait_for(writer.drain(), WRITE_SECONDS)
        except (ConnectionError, TimeoutError):
            pass
        finally:
            self.connections -= 1
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    async def answer(self, reader: asyncio.StreamReader) -> dict[str, Any]:
        try:
            line = await asyncio.wait_for(reader.readline(), READ_SECONDS)
            request = parse_request(line)
            if request["op"] == "stats":
                return {"ok": True, "stats": self.sandbox.stats()}
            result = await self.sandbox.run(
                request["code"],
                timeout=request["timeout"],
                memory_mib=request["memory_mib"],
                mode=request["mode"],
                python=request["python"],
                fast=request["fast"],
                timeline=request["timeline"],
                stdin=request["stdin"],
            )
            return {"ok": True, "result": result.to_dict()}
        except TimeoutError:
            return {"ok": False, "error": f"no request within {READ_SECONDS:g} s"}
        except (ValueError, asyncio.LimitOverrunError, asyncio.IncompleteReadError) as exc:
            if isinstance(exc, BadRequest):
                return {"ok": False, "error": str(exc)}
            return {
                "ok": False,
                "error": f"the request must be one line of at most {REQUEST_LIMIT} bytes",
            }
        except Exception:
            log.exception("the sandbox server failed to answer a request")
            return {"ok": False, "error": "the sandbox server failed; see its log"}


async def serve(sandbox: Sandbox, socket_path: str, stop: asyncio.Event) -> None:
    """Serve until `stop` is set. The socket is created mode 0660."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(socket_path)
    server = Server(sandbox)
    listener = await asyncio.start_unix_server(server.handle, socket_path, limit=REQUEST_LIMIT)
    os.chmod(socket_path, 0o660)
    async with listener:
        await stop.wait()
    with contextlib.suppress(FileNotFoundError):
        os.unlink(socket_path)
