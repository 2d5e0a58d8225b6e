"""The jail alone holds against unrestricted Python and native code.

Layers 1-3 are switched off (`_layers=frozenset()`): snippets here run with the
real builtins, import anything the interpreter has and call the C library
through ctypes, as a snippet would after a gadget undid the in-process layers.
What must still hold: no network, no host socket or IPC object, no host file
system beyond a read-only minimal root, no other run's data, no way to hurt the
worker or another run, nothing that persists, no memory beyond the limit.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
from pathlib import Path

import pytest

from bot.sandbox import Limits

from .helpers import Sandbox, descendants, needs_jail, process_memory, worker_process

pytestmark = needs_jail

NONE = frozenset()
SYSCALLS = """
import ctypes, errno, os
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
def syscall(number, *args):
    ctypes.set_errno(0)
    result = libc.syscall(number, *[ctypes.c_long(a) for a in args])
    return result, errno.errorcode.get(ctypes.get_errno(), ctypes.get_errno())
"""


def run_all(jobs: dict[str, str], *, layers=NONE, timeout=5.0, limits=None) -> dict:
    async def main():
        async with Sandbox(limits or Limits(concurrency=4), _layers=layers) as box:
            names = list(jobs)
            results = await asyncio.gather(*(box.run(jobs[n], timeout=timeout) for n in names))
        return dict(zip(names, results, strict=True))

    return asyncio.run(main())


# -- the kernel interfaces a snippet never needs --------------------------------

FORBIDDEN_SYSCALLS = {
    # name: (number, args) on x86_64
    "fork": (57, ()),
    "vfork": (58, ()),
    "execve": (59, (0, 0, 0)),
    "clone_process": (56, (17, 0, 0, 0, 0)),  # SIGCHLD: a new process, not a thread
    "clone_newuser": (56, (0x10000000 | 0x00010000 | 0x100 | 0x800 | 0x10000, 0, 0, 0, 0)),
    "unshare_user": (272, (0x10000000,)),
    "setns": (308, (0, 0)),
    "ptrace": (101, (16, 1, 0, 0)),  # PTRACE_ATTACH the worker
    "process_vm_readv": (310, (1, 0, 0, 0, 0, 0)),
    "prctl_dumpable": (157, (4, 1)),  # PR_SET_DUMPABLE 1
    "socket_inet": (41, (2, 1, 0)),
    "socket_unix": (41, (1, 1, 0)),
    "connect": (42, (0, 0, 0)),
    "bind": (49, (0, 0, 0)),
    "shmget": (29, (0, 4096, 0o1600)),
    "msgget": (68, (0, 0o1600)),
    "semget": (64, (0, 1, 0o1600)),
    "mq_open": (240, (0, 0o100, 0o600, 0)),
    "memfd_create": (319, (0, 0)),
    "io_uring_setup": (425, (1, 0)),
    "bpf": (321, (0, 0, 0)),
    "keyctl": (250, (0, 0)),
    "perf_event_open": (298, (0, 0, -1, -1, 0)),
    "userfaultfd": (323, (0,)),
    "personality": (135, (0x0040000,)),
    "open_by_handle_at": (304, (0, 0, 0)),
    "mount": (165, (0, 0, 0, 0, 0)),
    "setsid": (112, ()),
    "setuid_root": (105, (0,)),
    "ioctl_tiocsti": (16, (0, 0x5412, 0)),
}


def test_jail_refuses_every_kernel_interface_a_snippet_never_needs():
    calls = "\n".join(
        f"print({name!r}, *syscall({number}, *{args!r}))"
        for name, (number, args) in FORBIDDEN_SYSCALLS.items()
    )
    result = run_all({"calls": SYSCALLS + calls})["calls"]
    assert result.status == "ok", result.output
    lines = dict(line.split(" ", 1) for line in result.output.splitlines())
    assert set(lines) == set(FORBIDDEN_SYSCALLS)
    for name, outcome in lines.items():
        assert outcome == "-1 EPERM", (name, outcome)


def test_jail_still_allows_what_asyncio_and_threads_need():
    program = """
import asyncio, threading, time
async def main():
    values = await asyncio.gather(asyncio.to_thread(sum, range(10)), asyncio.sleep(0.01, 5))
    t = threading.Thread(target=time.sleep, args=(0.01,)); t.start(); t.join()
    print("ok", values)
asyncio.run(main())
"""
    result = run_all({"asyncio": program})["asyncio"]
    assert (result.status, result.output) == ("ok", "ok [45, 5]\n")


# -- network, host sockets, host name, file system ------------------------------


@pytest.fixture
def host_sockets(tmp_path):
    """A listening pathname socket and an abstract one, on the host."""
    path = tmp_path / "host.sock"
    servers = []
    for address in (str(path), "\0awaitbot-test-host-socket"):
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(address)
        server.listen(1)
        server.setblocking(False)
        servers.append(server)
    yield str(path)
    for server in servers:
        server.close()


def test_jail_reaches_no_host_socket_network_or_host_name(host_sockets):
    program = f"""
import os, socket
reached = []
for family, address in [(socket.AF_UNIX, {host_sockets!r}), (socket.AF_UNIX, "\\0awaitbot-test-host-socket"),
                        (socket.AF_UNIX, "/run/dbus/system_bus_socket"), (socket.AF_UNIX, "/var/run/docker.sock"),
                        (socket.AF_INET, ("127.0.0.1", 22)), (socket.AF_INET6, ("::1", 22))]:
    try:
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.connect(address)
        reached.append(address)
    except OSError as exc:
        pass
try:
    socket.getaddrinfo("localhost", 80)
    reached.append("resolver")
except OSError:
    pass
print(reached, socket.gethostname(), os.uname().nodename)
"""
    result = run_all({"net": program})["net"]
    assert result.output == "[] sandbox sandbox\n", result.output
    assert socket.gethostname() != "sandbox"


def test_jail_sees_a_minimal_read_only_root(tmp_path):
    # Places every Linux host has, and this checkout, its virtualenv and a temp file.
    host = ["/etc/passwd", "/etc/hostname", "/home", "/run", "/var", "/sys", "/boot", "/dev/shm"]
    host += [str(Path(__file__).resolve()), sys.prefix, str(tmp_path)]
    host = [path for path in host if os.path.lexists(path)]
    program = f"""
import json, os
seen = {{"visible": [], "wrote": []}}
for path in {host!r}:
    if os.path.lexists(path):
        seen["visible"].append(path)
for path in ("/usr/x", "/etc/x", "/x", "/opt/x", "/proc/x", "/tmp/x", "/dev/x", "{Path.home()}/x"):
    try:
        open(path, "w").close()
        seen["wrote"].append(path)
    except OSError:
        pass
print(json.dumps(seen))
"""
    result = run_all({"fs": program})["fs"]
    assert json.loads(result.output) == {"visible": [], "wrote": []}, result.output


# -- other runs, the worker, persistence ----------------------------------------

NEEDLE = "AWAITBOT-SECRET-" + "NEEDLE-"


def _secret_program(secret: str, seconds: float) -> str:
    return f"""
import time
kept = ["{secret[:8]}" + "{secret[8:]}"] * 1000
with open("secret.txt", "w") as handle:
    handle.write(kept[0])
time.sleep({seconds})
print("held", len(kept))
"""


SNOOP = """
import glob, os
found = []
for pattern in ("/proc/*/cmdline", "/proc/*/environ", "/proc/*/mem", "/tmp/*/*", "/tmp/*"):
    for path in glob.glob(pattern):
        try:
            with open(path, "rb") as handle:
                if NEEDLE in handle.read(1 << 20):
                    found.append(path)
        except OSError:
            pass
print("found", found, sorted(os.listdir(".")))
""".replace("NEEDLE", repr(NEEDLE.encode()))


def _holders(root: int, secret: str) -> list[int]:
    return [pid for pid in descendants(root) if secret.encode() in process_memory(pid)]


def test_no_run_holds_or_finds_another_runs_data_concurrently_or_on_the_same_slot():
    secret = NEEDLE + "4242"

    async def main():
        limits = Limits(concurrency=2)
        async with Sandbox(limits, _layers=NONE) as box:
            outer = worker_process(box).process.pid
            holder = asyncio.create_task(box.run(_secret_program(secret, 2), timeout=8))
            for _ in range(500):  # until the holder has read its request
                if await asyncio.to_thread(_holders, outer, secret):
                    break
                await asyncio.sleep(0.01)
            # While the holder runs: a concurrent snooper, and a look from outside.
            snoop_now = await box.run(SNOOP, timeout=5)
            holders = await asyncio.to_thread(_holders, outer, secret)
            first = await holder
            # After it: the same slot twice (both cells), and every process again.
            later = [await box.run(SNOOP, timeout=5) for _ in range(2 * limits.concurrency)]
            leftovers = await asyncio.to_thread(_holders, outer, secret)
        return first, snoop_now, holders, later, leftovers

    first, snoop_now, holders, later, leftovers = asyncio.run(main())
    assert first.output == "held 1000\n"
    assert len(holders) == 1, "only the run that owns the secret holds it"
    assert leftovers == [], "no worker, spare or later run holds it afterwards"
    for result in (snoop_now, *later):
        assert result.output == "found [] ['snippet.py']\n", result.output


def test_a_child_cannot_hurt_the_worker_or_a_concurrent_run():
    attacks = {
        "kill_worker": SYSCALLS
        + "import os, signal\nfor pid in (1, -1, 0):\n    try:\n        os.kill(pid, signal.SIGKILL)\n    except OSError:\n        pass\nprint('alive')\n",
        "report_garbage": "import os\nfor fd in range(3, 30):\n    for payload in (b'[' * 65536, b'{\"phase\": \"started\"}\\n', b'\\xff' * 100, b'[1, 2]\\n'):\n        try:\n            os.write(fd, payload)\n        except OSError:\n            pass\nprint('wrote')\n",
        "close_everything": "import os\nos.closerange(3, 1024)\nprint('closed', flush=True)\n",
        "threads": "import threading, time\nn = 0\ntry:\n    while n < 5000:\n        threading.Thread(target=time.sleep, args=(3,), daemon=True).start(); n += 1\nexcept RuntimeError:\n    pass\nprint('threads', n)\n",
    }
    victim = "import time\ntime.sleep(1)\nprint('victim done')\n"
    results = run_all({**attacks, "victim": victim})
    assert results["victim"].status == "ok" and results["victim"].output == "victim done\n"
    for name, result in results.items():
        assert not (result.error and result.error["type"] == "SandboxError"), (name, result)
    assert results["threads"].output.startswith("threads ")
    assert int(results["threads"].output.split()[1]) < Limits().threads


FORGED_REPORT = """
import os
error = b'{"type": "X\\\\n**bold**", "message": "' + b"m" * 10000 + b'", "line": -4}'
os.write(3, b'{"phase": "finished", "error": ' + error + b"}\\n")
os._exit(3)
"""


def test_report_garbage_cannot_forge_a_result():
    result = run_all({"forged": FORGED_REPORT})["forged"]
    assert result.status == "error" and result.returncode == 3
    assert result.error == {"type": "Exception", "message": "m" * 2000, "line": None}


def test_nothing_persists_from_one_run_to_the_next():
    plant = "import os, socket\nopen('planted.txt', 'w').write('x')\nos.mkdir('d')\ntry:\n    socket.socket(socket.AF_UNIX).bind('\\0awaitbot-planted')\nexcept OSError:\n    pass\nprint(sorted(os.listdir('.')))\n"
    look = "import os, glob\nprint(sorted(os.listdir('.')), glob.glob('/tmp/*/planted.txt'), glob.glob('/tmp/*/d'))\n"

    async def main():
        async with Sandbox(Limits(concurrency=1), _layers=NONE) as box:
            planted = await box.run(plant)
            looks = [await box.run(look) for _ in range(3)]
        return planted, looks

    planted, looks = asyncio.run(main())
    assert planted.output == "['d', 'planted.txt', 'snippet.py']\n"
    for result in looks:
        assert result.output == "['snippet.py'] [] []\n", result.output


# -- memory ----------------------------------------------------------------------

MEMORY_ATTACKS = {
    "bytearray": "b = bytearray(1 << 30)\nprint('allocated')\n",
    "chunks": "chunks = []\nwhile True:\n    chunks.append(bytearray(16 << 20))\n",
    "threads": "import threading\nbox = []\ndef grab():\n    box.append(bytearray(64 << 20))\nts = [threading.Thread(target=grab) for _ in range(8)]\n[t.start() for t in ts]\n[t.join() for t in ts]\nprint('allocated')\n",
    "mmap": "import mmap\nm = mmap.mmap(-1, 1 << 30)\nfor i in range(0, 1 << 30, 4096):\n    m[i] = 1\nprint('allocated')\n",
    "disk": "with open('big', 'wb') as f:\n    f.write(b'x' * (8 << 20))\nprint('allocated')\n",
}


def test_memory_beyond_the_limit_is_not_reachable_by_any_route():
    results = run_all(MEMORY_ATTACKS, limits=Limits(concurrency=2, memory_mib=128), timeout=8)
    for name in ("bytearray", "chunks", "threads", "mmap"):
        assert results[name].status == "memory", (name, results[name])
        assert "allocated" not in results[name].output
    assert results["disk"].status == "error" and "allocated" not in results["disk"].output


def test_the_worker_runs_in_fresh_namespaces():
    async def main():
        async with Sandbox(Limits(concurrency=1)) as box:
            await box.run("pass")
            return box.stats()

    stats = asyncio.run(main())
    assert stats["missing_layers"] == []
    for name in ("netns", "pidns", "ipcns", "utsns", "mountns", "minimal_fs", "cgroup", "seccomp"):
        assert stats["isolation"][name], name


def _parent(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as handle:
        return int(handle.read().rsplit(")", 1)[1].split()[1])


def _effective_capabilities(pid: int) -> int:
    with open(f"/proc/{pid}/status") as handle:
        status = dict(line.split(":", 1) for line in handle if ":" in line)
    return int(status["CapEff"].strip(), 16)


def test_worker_capabilities_are_only_the_five_it_needs():
    async def main():
        async with Sandbox(Limits(concurrency=1)) as box:
            await box.run("pass")
            outer = worker_process(box).process.pid
            worker = next(p for p in descendants(outer) if _parent(p) == outer)
            return _effective_capabilities(worker)

    effective = asyncio.run(main())
    # CAP_KILL (5), CAP_SETGID (6), CAP_SETUID (7), CAP_SYS_ADMIN (21), CAP_SYS_NICE (23).
    assert effective == (1 << 5) | (1 << 6) | (1 << 7) | (1 << 21) | (1 << 23)
