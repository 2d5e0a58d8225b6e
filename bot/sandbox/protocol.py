"""Every message that crosses a process boundary inside the sandbox, in one place.

    supervisor --order + fds--> worker --order + fds--> spare child
    supervisor <--events (JSON lines)-- worker
    supervisor <--report (JSON lines)-- child          (a pipe the worker never reads)
    supervisor --request (memfd)--> child              (the worker never reads it either)

The worker handles only numbers and file descriptors: no snippet source, output
or report ever enters its heap, so a child forked from it cannot hold anything
of another run. The child's report has two phases. The first record is written
before any snippet code runs and is trusted; everything after it was written by
a process that ran the snippet, so it is parsed as hostile input: bounded,
defensively parsed, schema-checked, and it can never change a status decided by
trusted facts (exit status, signal, deadline, OOM counter).
"""

from __future__ import annotations

import array
import dataclasses
import json
import math
import os
import re
import socket
from typing import Any

# Exit status of a child whose jail could not be set up (before any snippet ran).
SETUP_FAILED = 70
MESSAGE_LIMIT = 4096  # orders and events are small; anything bigger is malformed
REPORT_LIMIT = 512 * 1024
TIMELINE_LIMIT = 256 * 1024  # of the report: the timeline record, when asked for
FIELD_LIMIT = 2000  # characters kept of an error message from a report
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_FDS = 4

# -- fd passing -------------------------------------------------------------------


def send_with_fds(sock: socket.socket, payload: bytes, fds: list[int]) -> None:
    sock.sendmsg([payload], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds))])


def receive_with_fds(sock: socket.socket) -> tuple[bytes, list[int]]:
    """One SOCK_SEQPACKET message and the descriptors that came with it."""
    fds = array.array("i")
    data, ancdata, flags, _addr = sock.recvmsg(
        MESSAGE_LIMIT, socket.CMSG_SPACE(MAX_FDS * fds.itemsize)
    )
    for level, kind, payload in ancdata:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(payload[: len(payload) - len(payload) % fds.itemsize])
    if flags & (socket.MSG_TRUNC | socket.MSG_CTRUNC):
        for fd in fds:
            os.close(fd)
        raise ValueError("message or descriptors truncated")
    return data, list(fds)


# -- supervisor -> worker -> child ------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Order:
    """What the worker needs to start one run: numbers only, never the source.

    Sent with three descriptors: the request memfd, the output pipe's write end
    and the report pipe's write end."""

    id: int
    slot: int
    wall: float
    cpu: int
    memory_bytes: int

    def encode(self) -> bytes:
        return json.dumps(dataclasses.asdict(self)).encode()

    @classmethod
    def decode(cls, data: bytes) -> Order:
        raw = json.loads(data)
        order = cls(
            id=int(raw["id"]),
            slot=int(raw["slot"]),
            wall=float(raw["wall"]),
            cpu=int(raw["cpu"]),
            memory_bytes=int(raw["memory_bytes"]),
        )
        if not (order.wall > 0 and math.isfinite(order.wall) and order.cpu > 0):
            raise ValueError("bad limits")
        return order


@dataclasses.dataclass(frozen=True)
class Request:
    """What the child runs; travels in a memfd from the supervisor to the child."""

    source: str
    mode: str
    fast: bool = False  # virtual time
    timeline: bool = False  # record the run's timeline
    stdin: str = ""  # what input() and sys.stdin read, as from `python3 file.py < input`

    def to_memfd(self) -> int:
        data = json.dumps(dataclasses.asdict(self)).encode("utf-8", "surrogatepass")
        fd = os.memfd_create("awaitbot-request", os.MFD_CLOEXEC)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        return fd

    @classmethod
    def from_fd(cls, fd: int) -> Request:
        chunks = []
        offset = 0
        while chunk := os.pread(fd, 1 << 20, offset):
            chunks.append(chunk)
            offset += len(chunk)
        raw = json.loads(b"".join(chunks).decode("utf-8", "surrogatepass"))
        return cls(
            source=raw["source"],
            mode=raw["mode"],
            fast=bool(raw.get("fast")),
            timeline=bool(raw.get("timeline")),
            stdin=str(raw.get("stdin") or ""),
        )


# -- worker -> supervisor ---------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Done:
    """The trusted facts about a finished run, from the worker (the kernel's word)."""

    id: int
    returncode: int | None
    signal: int | None
    cpu_ms: int
    wall_ms: int
    timed_out: bool
    oom_killed: bool
    threads_refused: bool  # the pids cgroup refused the run a thread (or process)


def encode_event(kind: str, **fields: Any) -> bytes:
    return (json.dumps({"event": kind, **fields}) + "\n").encode()


def decode_done(event: dict[str, Any]) -> Done:
    names = [field.name for field in dataclasses.fields(Done)]
    return Done(**{name: event[name] for name in names})


# -- child -> supervisor: the report ----------------------------------------------

STARTED = "started"  # compiled; the snippet runs next (trusted)
REFUSED = "refused"  # the policy refused the code; nothing ran (trusted)
NOT_COMPILED = "syntax"  # the compiler refused it; nothing ran (trusted)
FINISHED = "finished"  # written after the snippet ran (untrusted)
TIMELINE = "timeline"  # likewise, before FINISHED, when asked for
TRUSTED_PHASES = (STARTED, REFUSED, NOT_COMPILED)


def report_record(phase: str, **fields: Any) -> bytes:
    return (json.dumps({"phase": phase, **fields}, ensure_ascii=True) + "\n").encode()


@dataclasses.dataclass(frozen=True)
class Report:
    """A child's report as the supervisor understood it.

    `phase` is the trusted first record's phase (None if the child died before
    writing it); `error` comes from the trusted record when nothing ran, else
    from the untrusted final record, cleaned; `facts` are the compile-time facts."""

    phase: str | None = None
    error: dict[str, Any] | None = None
    facts: dict[str, Any] = dataclasses.field(default_factory=dict)
    policy_errors: tuple[str, ...] = ()
    timeline: dict[str, Any] | None = None
    blocked: tuple[dict[str, Any], ...] = ()  # when the loop was blocked, from FINISHED


def parse_report(data: bytes) -> Report:
    """Read a report without trusting anything after its first record."""
    first, _, rest = bytes(data[:REPORT_LIMIT]).partition(b"\n")
    trusted = _json_object(first)
    if trusted is None or trusted.get("phase") not in TRUSTED_PHASES:
        return Report()
    phase = trusted["phase"]
    facts = trusted.get("facts") if isinstance(trusted.get("facts"), dict) else {}
    if phase == REFUSED:
        errors = tuple(_text(e, FIELD_LIMIT) for e in _list(trusted.get("errors"))[:50])
        return Report(phase, clean_error(trusted.get("error")), facts, errors)
    if phase == NOT_COMPILED:
        return Report(phase, clean_error(trusted.get("error")), facts)
    final = timeline = None
    for line in reversed(rest.split(b"\n")):
        record = _json_object(line)
        if record is not None and record.get("phase") == FINISHED and final is None:
            final = record
        if record is not None and record.get("phase") == TIMELINE and timeline is None:
            timeline = clean_timeline(record.get("timeline"))
    error = clean_error(final.get("error")) if final else None
    blocked = clean_timeline({"blocked": final.get("blocked")})["blocked"] if final else []
    return Report(phase, error, facts, timeline=timeline, blocked=tuple(blocked[:5]))


def clean_timeline(raw: Any) -> dict[str, Any] | None:
    """A timeline with exactly the documented shape; anything else is dropped."""
    if not isinstance(raw, dict):
        return None

    def ms(value) -> float | None:
        return float(value) if type(value) in (int, float) and 0 <= value < 1e9 else None

    def rows(key: str, width: int, limit: int) -> list:
        kept = []
        for row in _list(raw.get(key))[:limit]:
            if isinstance(row, list) and len(row) == width and type(row[0]) is int:
                times = [ms(v) for v in row[1:3]]
                if None not in times and times[0] <= times[1]:
                    kept.append([row[0], *times, *[_text(v, 40) for v in row[3:]]])
        return kept

    tasks = []
    for task in _list(raw.get("tasks"))[:200]:
        if isinstance(task, dict) and type(task.get("id")) is int:
            outcome = task.get("outcome")
            tasks.append(
                {
                    "id": task["id"],
                    "name": _text(task.get("name"), 60),
                    "coro": _text(task.get("coro"), 60),
                    "created_ms": ms(task.get("created_ms")) or 0.0,
                    "ended_ms": ms(task.get("ended_ms")),
                    "outcome": outcome
                    if outcome in ("done", "cancelled", "raised", "pending")
                    else "pending",
                    "error": _text(task.get("error"), 60) or None,
                }
            )
    spans = []
    for key, limit, fields in (("threads", 200, ("name",)), ("blocked", 50, ("cause",))):
        kept = []
        for item in _list(raw.get(key))[:limit]:
            if isinstance(item, dict) and ms(item.get("start_ms")) is not None:
                end = ms(item.get("end_ms"))
                entry = {
                    "start_ms": ms(item["start_ms"]),
                    "end_ms": end if end is not None else ms(item["start_ms"]),
                }
                entry.update({f: _text(item.get(f), 120) for f in fields})
                if key == "blocked":
                    line = item.get("line")
                    entry["line"] = line if type(line) is int and 0 < line < 10**6 else None
                kept.append(entry)
        spans.append(kept)
    return {
        "clock": "virtual" if raw.get("clock") == "virtual" else "real",
        "end_ms": ms(raw.get("end_ms")) or 0.0,
        "truncated": raw.get("truncated") is True,
        "tasks": tasks,
        "slices": rows("slices", 3, 3000),
        "waits": rows("waits", 4, 3000),
        "threads": spans[0],
        "blocked": spans[1],
    }


def clean_error(raw: Any) -> dict[str, Any] | None:
    """An error dict with exactly `type` (an identifier-like name), `message`, `line`."""
    if not isinstance(raw, dict):
        return None
    kind = _text(raw.get("type"), 100)
    if not kind or not all(part.isidentifier() for part in kind.split(".")):
        kind = "Exception"
    line = raw.get("line")
    if type(line) is not int or not 0 < line < 10**7:
        line = None
    return {"type": kind, "message": _text(raw.get("message"), FIELD_LIMIT), "line": line}


def _json_object(line: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(line)
    except (ValueError, RecursionError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _text(value: Any, limit: int) -> str:
    """A str from untrusted JSON: bounded, valid UTF-8 (lone surrogates replaced)."""
    if not isinstance(value, str):
        return ""
    return _SURROGATE.sub("\ufffd", value[:limit])
