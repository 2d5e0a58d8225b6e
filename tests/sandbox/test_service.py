"""The socket service answers every request, bounded and on time, whatever the client."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket

import pytest

from bot.sandbox import Limits, SandboxClient, service

from .helpers import Sandbox


@pytest.fixture
async def server(tmp_path, monkeypatch):
    monkeypatch.setattr(service, "READ_SECONDS", 0.5)
    monkeypatch.setattr(service, "MAX_CONNECTIONS", 8)
    path = str(tmp_path / "sandbox.sock")
    stop = asyncio.Event()
    async with Sandbox(Limits(concurrency=1)) as sandbox:
        task = asyncio.create_task(service.serve(sandbox, path, stop))
        for _ in range(200):
            with contextlib.suppress(OSError):
                await SandboxClient(path).stats()
                break
            await asyncio.sleep(0.01)
        yield path
        stop.set()
        await task


async def raw(path: str, payload: bytes) -> dict:
    reader, writer = await asyncio.open_unix_connection(path)
    writer.write(payload)
    await writer.drain()
    line = await asyncio.wait_for(reader.readline(), 10)
    writer.close()
    return json.loads(line)


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        (b"[" * 50000 + b"\n", "not valid JSON"),
        (b"[1, 2]\n", "must be a JSON object"),
        (b'{"v": 1, "op": "run", "code": 5}\n', "string 'code'"),
        (b'{"v": 1, "op": "run", "code": "", "mode": "x"}\n', "mode must be"),
        (b'{"v": 1, "op": "run", "code": "", "timeout": "3"}\n', "timeout must be a number"),
        (b'{"v": 99, "op": "stats"}\n', "unsupported protocol version 99"),
        (b'{"op": "stats"}\n', "unsupported protocol version None"),
        (b"\xff\xfe\n", "not valid JSON"),
        (b"x" * (service.REQUEST_LIMIT + 10) + b"\n", "one line of at most"),
    ],
)
async def test_every_malformed_request_gets_an_answer(server, payload, error):
    answer = await raw(server, payload)
    assert answer["v"] == 1 and answer["ok"] is False
    assert error in answer["error"]


async def test_a_silent_client_is_answered_and_dropped_after_the_read_deadline(server):
    answer = await raw(server, b"")
    assert "no request within" in answer["error"]


async def test_idle_connections_are_capped_and_dropped_so_real_runs_go_on(server):
    idle = []
    for _ in range(30):
        sock = socket.socket(socket.AF_UNIX)
        sock.connect(server)
        idle.append(sock)
    try:
        # Over the cap, a client is told at once that the server is busy...
        with pytest.raises(ValueError, match="busy"):
            await SandboxClient(server).run("print('too soon')", timeout=5)
        # ...and once the idle ones hit the read deadline, runs are served again.
        for _ in range(500):
            try:
                result = await SandboxClient(server).run("print('served')", timeout=5)
                break
            except ValueError:
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
        with pytest.raises(ConnectionError, match="protocol 0"):
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
