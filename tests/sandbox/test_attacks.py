"""Every attack file (shared and local) against the sandbox.

Header keys (see ../shared/sandbox-attacks/README.md): `expect` (blocked | ok),
`marker` (printed only if the attack worked), `output` (exact output of an ok
program), and ours: `layers` (`all` by default; `audit` or `none` attack what
is left when the in-process layers fell), `returncode` (of an ok program that
fails on purpose), `check` (an extra check, below).

Before the batch, a run holding a secret needle has run on every cell, so the
files that hunt for another run's data have something to find.
"""

from __future__ import annotations

import asyncio
import os
import socket

import pytest

from bot.runreply import result_reply
from bot.sandbox import interpreters

from .helpers import (
    ATTACK_TIMEOUT,
    JAIL,
    SHARED_ATTACKS,
    TEST_LIMITS,
    WORKER_PYTHON,
    Sandbox,
    attack_files,
    header,
    without_outside_frames,
)

FILES = attack_files()
LAYERS = {"all": None, "audit": frozenset({"audit"}), "none": frozenset()}
SECRET = "AWAITBOT-SECRET-" + "NEEDLE-424242"
PLANT = f"kept = '{SECRET[:10]}' + '{SECRET[10:]}'\nprint(len(kept))\n"
HOST_SOCKET = "/run/awaitbot-test.sock"
HEADER_VERSION = "3.11"  # the CPython whose output the `# output:` headers hold


def layers_of(path) -> str:
    return header(path).get("layers", "all")


@pytest.fixture(scope="module")
def host_socket():
    """A world-writable listening socket on the host, for the files that hunt them."""
    if os.path.exists(HOST_SOCKET) or not os.access("/run", os.W_OK):
        yield None
        return
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(HOST_SOCKET)
    os.chmod(HOST_SOCKET, 0o666)
    server.listen(8)
    try:
        yield HOST_SOCKET
    finally:
        server.close()
        os.unlink(HOST_SOCKET)


@pytest.fixture(scope="module")
def results(host_socket):
    async def batch(layers: str, paths: list) -> dict:
        async with Sandbox(TEST_LIMITS, _layers=LAYERS[layers]) as sandbox:
            for _ in range(2 * TEST_LIMITS.concurrency):  # every cell of every slot
                await sandbox.run(PLANT)
            runs = [
                sandbox.run(p.read_text(encoding="utf-8"), timeout=ATTACK_TIMEOUT) for p in paths
            ]
            return dict(zip(map(str, paths), await asyncio.gather(*runs), strict=True))

    async def main() -> dict:
        found = {}
        for layers in LAYERS:
            paths = [p for p in FILES if layers_of(p) == layers]
            if paths:
                found.update(await batch(layers, paths))
        return found

    return asyncio.run(main())


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_attack_file_outcome_matches_its_header(path, results):
    if layers_of(path) != "all" and not JAIL:
        pytest.skip("with the in-process layers off, only the jail stands: it needs root and bwrap")
    fields = header(path)
    result = results[str(path)]
    assert result.status in ("ok", "error", "timeout", "memory", "killed", "rejected")
    assert not (result.error and result.error.get("type") == "SandboxError"), result
    if path.parent.name == "output":
        # Judged on the bot's sanitised reply elsewhere; here the run must just complete.
        return
    check = fields.get("check", "")
    if check == "report-not-trusted":
        # The marker only says a write reached the report pipe, which a child may
        # do; what must hold is that nothing it wrote decided the result.
        assert result.status in ("ok", "error"), result
        last = result.output.rstrip("\n").rsplit("\n", 1)[-1]
        assert result.error is None or last.startswith(result.error["type"]), result
    elif fields["expect"] == "blocked":
        assert fields["marker"] not in result.output, result.output[-500:]
        reply = result_reply(result, timeout=ATTACK_TIMEOUT, memory_mib=TEST_LIMITS.memory_mib)
        status_line = reply.content.split("\n", 1)[0]
        assert fields["marker"] not in status_line and "```" not in status_line
    else:
        assert fields["expect"] == "ok"
        returncode = int(fields.get("returncode", 0))
        assert result.status == ("ok" if returncode == 0 else "error"), result.output
        assert result.returncode == returncode
        if interpreters.version_of(WORKER_PYTHON) == HEADER_VERSION:
            # Other versions print differently; test_parity compares them live.
            assert without_outside_frames(result.output) == fields["output"]
    if check == "hostname-differs-from-host":
        assert socket.gethostname() not in result.output
    elif check.startswith("status="):
        wanted = dict(part.split("=", 1) for part in check.split(" (")[0].split())
        assert result.status == wanted["status"]
        assert result.error["type"] == wanted["error.type"]


def test_every_attack_file_has_a_known_expectation():
    for path in FILES:
        fields = header(path)
        assert fields.get("expect") in ("blocked", "ok"), path
        assert ("marker" in fields) == (fields["expect"] == "blocked"), path
        assert fields.get("layers", "all") in LAYERS, path


def test_the_shared_attack_folder_is_used_when_present():
    if not SHARED_ATTACKS.is_dir():
        pytest.skip(f"{SHARED_ATTACKS} is not here: only the project's own attacks ran")
    assert any(path.parent in (SHARED_ATTACKS, SHARED_ATTACKS / "output") for path in FILES)
