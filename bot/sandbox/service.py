"""`python -m bot.sandbox serve`: the Sandbox API on a Unix socket, for a bot that
runs the sandbox in a container of its own.

The protocol (version 1) is described in docs/protocol.md: one request per
connection, one JSON line each way, every request answered. In short:

    {"v": 1, "op": "run", "code": "...", ...}  -> {"v": 1, "ok": true, "result": {...}}
    ... "progress": true  -> first {"v": 1, "queued": N} each time its place in line moves
    {"v": 1, "op": "stats"}                     -> {"v": 1, "ok": true, "stats": {...}}
    anything else      -> {"v": 1, "ok": false, "reason": "bad_request", "error": "why"}

A slow or silent client cannot stall others: each connection is its own task,
its request must arrive within READ_SECONDS and its answer be taken within
WRITE_SECONDS, and beyond MAX_CONNECTIONS open connections new ones are told
at once that the server is busy.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from typing import Any

from .limits import MODES
from .result import Result
from .sandbox import Sandbox

log = logging.getLogger(__name__)

VERSION = 1
REQUEST_LIMIT = 256 * 1024  # bytes of one request line, newline included
# Bytes of one answer line. Output is kept to 64 KiB by default, and JSON can
# spell a byte as six (\u0001); the timeline's report is at most 256 KiB.
ANSWER_LIMIT = 1024 * 1024
READ_SECONDS = 10.0  # for the whole request, however it trickles in
WRITE_SECONDS = 10.0  # for the client to take the answer
MAX_CONNECTIONS = 64
STOP_GRACE = 5.0  # seconds runs in flight get to finish when the server stops

# Why a request was refused: the `reason` of an answer with "ok": false.
BAD_REQUEST = "bad_request"  # not JSON, wrong fields, too long
VERSION_MISMATCH = "version"  # another protocol version
DEADLINE = "deadline"  # the request did not arrive within READ_SECONDS
BUSY = "busy"  # too many connections; nothing was read, nothing ran
FAILED = "failed"  # the server itself failed (its log says why)


class BadRequest(ValueError):
    def __init__(self, message: str, reason: str = BAD_REQUEST) -> None:
        super().__init__(message)
        self.reason = reason


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
            f"unsupported protocol version {request.get('v')!r}; this server speaks {VERSION}",
            VERSION_MISMATCH,
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
        "progress": request.get("progress") is True,
    }


def _number(value, name: str):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadRequest(f"{name} must be a number")
    return value


def encode_answer(answer: dict[str, Any]) -> bytes:
    return json.dumps({"v": VERSION, **answer}).encode() + b"\n"


def refusal(reason: str, error: str) -> dict[str, Any]:
    return {"ok": False, "reason": reason, "error": error}


def result_answer(result: Result) -> bytes:
    """The answer for a run, within ANSWER_LIMIT: a result too big to send loses
    its timeline first, then the end of its output (marked truncated)."""
    fields = result.to_dict()
    line = encode_answer({"ok": True, "result": fields})
    if len(line) > ANSWER_LIMIT and fields["timeline"] is not None:
        fields["timeline"] = None
        line = encode_answer({"ok": True, "result": fields})
    while len(line) > ANSWER_LIMIT and fields["output"]:
        fields["output"] = fields["output"][: len(fields["output"]) // 2]
        fields["truncated"] = True
        line = encode_answer({"ok": True, "result": fields})
    return line


class Server:
    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.handlers: set[asyncio.Task] = set()  # one per open connection

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        me = asyncio.current_task()
        self.handlers.add(me)
        try:
            if len(self.handlers) > MAX_CONNECTIONS:
                line = encode_answer(refusal(BUSY, "the sandbox server is busy; try again shortly"))
            else:
                line = await self.answer(reader, writer)
            writer.write(line)
            await asyncio.wait_for(writer.drain(), WRITE_SECONDS)
        except (ConnectionError, TimeoutError):
            # A client that does not take its answer: drop it, unsent bytes and all
            # (a plain close would wait for them to be read).
            writer.transport.abort()
        finally:
            self.handlers.discard(me)
            writer.close()
            with contextlib.suppress(OSError, TimeoutError):
                await asyncio.wait_for(writer.wait_closed(), WRITE_SECONDS)

    async def answer(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bytes:
        def queued(place: int) -> None:  # a progress line; the client reads on
            writer.write(encode_answer({"queued": place}))

        try:
            line = await asyncio.wait_for(reader.readline(), READ_SECONDS)
            request = parse_request(line)
            if request["op"] == "stats":
                return encode_answer({"ok": True, "stats": self.sandbox.stats()})
            result = await self.sandbox.run(
                request["code"],
                timeout=request["timeout"],
                memory_mib=request["memory_mib"],
                mode=request["mode"],
                python=request["python"],
                fast=request["fast"],
                timeline=request["timeline"],
                stdin=request["stdin"],
                queued=queued if request["progress"] else None,
            )
            return result_answer(result)
        except TimeoutError:
            return encode_answer(refusal(DEADLINE, f"no request within {READ_SECONDS:g} s"))
        except BadRequest as exc:
            return encode_answer(refusal(exc.reason, str(exc)))
        except (ValueError, asyncio.LimitOverrunError, asyncio.IncompleteReadError):
            # readline() raises ValueError for a line longer than the reader's limit.
            error = f"the request must be one line of at most {REQUEST_LIMIT} bytes"
            return encode_answer(refusal(BAD_REQUEST, error))
        except Exception:
            log.exception("the sandbox server failed to answer a request")
            return encode_answer(refusal(FAILED, "the sandbox server failed; see its log"))

    async def stop(self) -> None:
        """Let runs in flight finish for STOP_GRACE seconds, then drop them: their
        clients see the connection end and report the run as failed."""
        if self.handlers:
            _, late = await asyncio.wait(set(self.handlers), timeout=STOP_GRACE)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)


async def serve(sandbox: Sandbox, socket_path: str, stop: asyncio.Event) -> None:
    """Serve until `stop` is set. The socket is created mode 0660."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(socket_path)
    server = Server(sandbox)
    # The reader's limit bounds the request line (the newline is not counted).
    listener = await asyncio.start_unix_server(server.handle, socket_path, limit=REQUEST_LIMIT)
    os.chmod(socket_path, 0o660)
    try:
        await stop.wait()
    finally:
        listener.close()  # no new connections; the socket file goes below
        with contextlib.suppress(FileNotFoundError):
            os.unlink(socket_path)
        await server.stop()
        await listener.wait_closed()
