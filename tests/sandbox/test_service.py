"""The socket service answers every request, bounded and on time, whatever the client."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import time

import pytest

from bot.sandbox import Limits, SandboxClient, service
from bot.sandbox.client import AnswerLost, NotDelivered, VersionMismatch

from .helpers import Sandbox
from .services import serving


@pytest.fixture
async def server(tmp_path, monkeypatch):
    monkeypatch.setattr(service, "READ_SECONDS", 0.5)
    monkeypatch.setattr(service, "MAX_CONNECTIONS", 8)
    path = str(tmp_path / "sandbox.sock")
    async with Sandbox(Limits(concurrency=1)) as sandbox, serving(path, sandbox):
        yield path


async def raw(path: str, payload: bytes) -> dict:
    reader, writer = await asyncio.open_unix_connection(path)
    writer.write(payload)
    await writer.drain()
    line = await asyncio.wait_for(reader.readline(), 10)
    writer.close()
    return json.loads(line)


@pytest.mark.parametrize(
    ("payload", "reason", "error"),
    [
        (b"[" * 50000 + b"\n", "bad_request", "not valid JSON"),
        (b"[1, 2]\n", "bad_request", "must be a JSON object"),
        (b'{"v": 1, "op": "run", "code": 5}\n', "bad_request", "string 'code'"),
        (b'{"v": 1, "op": "run", "code": "", "mode": "x"}\n', "bad_request", "mode must be"),
        (b'{"v": 1, "op": "run", "code": "", "timeout": "3"}\n', "bad_request", "a number"),
        (b'{"v": 99, "op": "stats"}\n', "version", "unsupported protocol version 99"),
        (b'{"op": "stats"}\n', "version", "unsupported protocol version None"),
        (b"\xff\xfe\n", "bad_request", "not valid JSON"),
        (b"x" * (service.REQUEST_LIMIT + 10) + b"\n", "bad_request", "one line of at most"),
    ],
)
async def test_every_malformed_request_gets_an_answer_with_a_reason(server, payload, reason, error):
    answer = await raw(server, payload)
    assert answer["v"] == 1 and answer["ok"] is False
    assert answer["reason"] == reason and error in answer["error"]


async def test_a_silent_client_is_answered_and_dropped_after_the_read_deadline(server):
    answer = await raw(server, b"")
    assert answer["reason"] == "deadline" and "no request within" in answer["error"]


async def test_idle_connections_are_capped_and_dropped_so_real_runs_go_on(server):
    idle = []
    for _ in range(30):
        sock = socket.socket(socket.AF_UNIX)
        sock.connect(server)
        idle.append(sock)
    try:
        # Over the cap, a client is told at once that the server is busy...
        # (nothing ran, so the run may go elsewhere)...
        with pytest.raises(NotDelivered, match="busy"):
            await SandboxClient(server).run("print('too soon')", timeout=5)
        # ...and once the idle ones hit the read deadline, runs are served again.
        for _ in range(500):
            try:
                result = await SandboxClient(server).run("print('served')", timeout=5)
                break
            except NotDelivered:
                await asyncio.sleep(0.01)
    finally:
        for sock in idle:
            sock.close()
    assert result.output == "served\n"


async def test_a_client_meeting_another_protocol_version_gets_a_clear_error(tmp_path):
    path = str(tmp_path / "old.sock")

    async def old_server(reader, writer):
        await reader.readline()
        writer.write(b'{"v": 0, "ok": true}\n')
        await writer.drain()
        writer.close()

    listener = await asyncio.start_unix_server(old_server, path)
    async with listener:
        with pytest.raises(VersionMismatch, match="protocol 0, this client 1"):
            await SandboxClient(path).stats()


async def test_runs_pick_their_python_over_the_socket(server):
    result = await SandboxClient(server).run("print(1)", python="2.7")
    assert result.status == "rejected" and "not supported" in result.error["message"]


async def test_the_bots_limits_reach_a_service_with_looser_ones(server):
    # The service allows its default wall time; the bot's 1 s limit is sent with
    # the run, so the reply that quotes 1 s tells the truth.
    from bot.runs import Snippet, run_snippet

    limits = Limits(wall_seconds=1.0, memory_mib=64)
    reply = await run_snippet(SandboxClient(server), Snippet("import time\ntime.sleep(3)"), limits)
    assert reply.meta["status"] == "timeout"
    assert "1 s time limit" in reply.content


async def test_stdin_travels_to_the_service_and_is_checked(server):
    result = await SandboxClient(server).run("print(input() * 2)", stdin="ab\n")
    assert result.output == "abab\n"
    answer = await raw(server, b'{"v": 1, "op": "run", "code": "", "stdin": 5}\n')
    assert answer["ok"] is False and "stdin must be a string" in answer["error"]


async def test_a_waiting_run_hears_its_place_in_line_over_the_socket(server):
    # One slot: while a run holds it, the next run waits, and hears so.
    first = asyncio.ensure_future(
        SandboxClient(server).run("import time\ntime.sleep(1.5)\nprint('first')")
    )
    while (await SandboxClient(server).stats())["running"] < 1:  # noqa: ASYNC110 - polls a process
        await asyncio.sleep(0.02)
    places: list[int] = []
    second = await SandboxClient(server).run("print('second')", queued=places.append)
    assert second.output == "second\n" and places == [1, 0]
    assert (await first).output == "first\n"
    quiet: list[int] = []  # without asking, a client gets only the answer
    assert (await SandboxClient(server).run("print(3)")).output == "3\n" and quiet == []


async def test_a_malformed_progress_line_is_an_answer_lost(tmp_path):
    path = str(tmp_path / "odd.sock")
    async with await fake_server(path, b'{"v": 1, "queued": -1}\n'):
        with pytest.raises(AnswerLost, match="malformed progress"):
            await SandboxClient(path).run("print(1)", queued=print)


async def test_silent_and_half_line_clients_do_not_stall_another_clients_run(server, monkeypatch):
    monkeypatch.setattr(service, "READ_SECONDS", 60.0)  # they stay connected throughout
    _, silent = await asyncio.open_unix_connection(server)
    _, half = await asyncio.open_unix_connection(server)
    half.write(b'{"v": 1, "op": "run", "code": "print(')
    await half.drain()
    try:
        started = time.monotonic()
        result = await SandboxClient(server).run("print('not stalled')", timeout=5)
        assert result.output == "not stalled\n"
        assert time.monotonic() - started < 10  # far inside the others' deadline
    finally:
        silent.close()
        half.close()


async def test_a_client_trickling_its_request_is_cut_at_the_deadline(server):
    reader, writer = await asyncio.open_unix_connection(server)

    async def trickle():
        # One byte at a time, never a whole line: each read is quick, the whole is not.
        with contextlib.suppress(ConnectionError):
            for byte in b'{"v": 1, "op": "stats", "padding": "' + b"x" * 1000:
                writer.write(bytes([byte]))
                await writer.drain()
                await asyncio.sleep(0.02)

    sender = asyncio.create_task(trickle())
    started = time.monotonic()
    answer = json.loads(await asyncio.wait_for(reader.readline(), 10))
    sender.cancel()
    writer.close()
    assert answer["reason"] == "deadline"
    assert time.monotonic() - started < 5  # the 0.5 s deadline, not the 20 s trickle


async def test_a_client_that_never_takes_its_answer_is_dropped(server, monkeypatch):
    monkeypatch.setattr(service, "WRITE_SECONDS", 0.5)
    monkeypatch.setattr(service, "MAX_CONNECTIONS", 1)
    # ~380 KB of answer (a byte \x01 is six in JSON): more than the socket holds.
    request = {"v": 1, "op": "run", "code": "print(chr(1) * 60000)", "timeout": 5}
    hog = socket.socket(socket.AF_UNIX)
    hog.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    hog.connect(server)
    hog.sendall(json.dumps(request).encode() + b"\n")
    turned_away = 0
    try:
        for _ in range(1000):
            try:
                result = await SandboxClient(server).run("print('next')", timeout=5)
                break
            except NotDelivered:
                turned_away += 1
                await asyncio.sleep(0.01)
    finally:
        hog.close()
    assert turned_away > 0  # the hog held the only connection for a while...
    assert result.output == "next\n"  # ...and was dropped, so others are served


async def test_an_answer_too_big_to_send_loses_its_timeline_then_its_output(server, monkeypatch):
    monkeypatch.setattr(service, "ANSWER_LIMIT", 8000)
    code = "import asyncio\nasync def main():\n    for i in range(3000):\n        print(i)\n"
    code += "asyncio.run(main())\n"
    result = await SandboxClient(server).run(code, timeline=True, timeout=5)
    assert result.status == "ok" and result.timeline is None
    assert result.truncated and result.output.startswith("0\n1\n2\n")
    assert len(result.output) < 8000


async def fake_server(path: str, answer: bytes):
    async def answer_once(reader, writer):
        await reader.readline()
        with contextlib.suppress(ConnectionError):
            writer.write(answer)
            await writer.drain()
        writer.close()

    return await asyncio.start_unix_server(answer_once, path)


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (b'{"v": 1, "ok": true, "result": {"status": "ok", "output": "' + b"x" * (1 << 20),
         "no usable answer"),
        (b'{"v": 1, "ok": true, "res', "closed the connection before answering"),
        (b'{"v": 1, "ok": true, "result": {"status": "escaped"}}\n', "without a valid result"),
        (b'{"v": 1, "ok": true, "result": {"status": "ok", "output": 5}}\n', "valid result"),
        (b"not json\n", "malformed JSON"),
        (b'{"v": 1, "ok": false, "reason": "failed", "error": "it broke"}\n', "it broke"),
    ],
)  # fmt: skip
async def test_a_run_without_a_usable_answer_is_lost_not_misread(tmp_path, answer, error):
    path = str(tmp_path / "odd.sock")
    async with await fake_server(path, answer):
        with pytest.raises(AnswerLost, match=error):
            await SandboxClient(path).run("print(1)")


async def test_a_request_too_big_for_the_service_is_rejected_without_sending(tmp_path):
    nobody = tmp_path / "nobody.sock"  # had the client connected, it would raise
    result = await SandboxClient(nobody).run("x = 1\n", stdin="y" * service.REQUEST_LIMIT)
    assert result.status == "rejected" and result.error["type"] == "TooLarge"


async def test_runs_in_flight_finish_when_the_server_stops_within_its_grace(tmp_path):
    path = str(tmp_path / "sandbox.sock")
    async with Sandbox(Limits(concurrency=1)) as sandbox:
        async with serving(path, sandbox) as stop:
            run = asyncio.create_task(
                SandboxClient(path).run("import time\ntime.sleep(0.5)\nprint('done')")
            )
            await until(lambda: sandbox.stats()["running"] == 1)
            stop.set()
            result = await run
            with pytest.raises(NotDelivered):  # and the socket is gone
                await SandboxClient(path).stats()
    assert result.output == "done\n"


async def test_a_run_outliving_the_stop_grace_is_reported_lost_not_left_hanging(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(service, "STOP_GRACE", 0.2)
    path = str(tmp_path / "sandbox.sock")
    async with Sandbox(Limits(concurrency=1)) as sandbox:
        async with serving(path, sandbox) as stop:
            run = asyncio.create_task(
                SandboxClient(path).run("import time\ntime.sleep(8)", timeout=9)
            )
            await until(lambda: sandbox.stats()["running"] == 1)
            stopped = time.monotonic()
            stop.set()
            with pytest.raises(AnswerLost, match="closed the connection"):
                await run
            assert time.monotonic() - stopped < 3


async def until(condition, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        await asyncio.sleep(0.01)
