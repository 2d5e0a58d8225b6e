"""Each layer holds on its own: the others are switched off with the test-only
`_layers` argument and the remaining one is attacked directly."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest

from bot.sandbox.limits import Limits

from .helpers import (
    SHARED_ATTACKS,
    descendants,
    header,
    process_memory,
    run_batch,
    worker_process,
)

FAKE_TOKEN = "fake-" + "discord-token-for-sandbox-tests"


def shared(*prefixes: str) -> list[tuple[str, str, str]]:
    """(name, source, marker) for the shared attack files with these number prefixes
    (none when the shared folder is absent: test_attacks skips visibly then)."""
    if not SHARED_ATTACKS.is_dir():
        return []
    jobs = []
    for path in sorted(SHARED_ATTACKS.glob("*.py")):
        if path.name.split("_")[0] in prefixes:
            jobs.append((path.name, path.read_text(encoding="utf-8"), header(path)["marker"]))
    assert len(jobs) == len(prefixes)
    return jobs


def marker_free(results, jobs):
    leaked = [name for name, _, marker in jobs if marker in results[name].output]
    assert not leaked, {name: results[name].output[-300:] for name in leaked}


# -- layer 1: the policy alone ------------------------------------------------

POLICY_OWN = [
    (
        "format_on_type",
        'M = "-".join(["P", "1"])\ntry:\n    print(M, str.format("{0.__class__}", 1))\n'
        "except Exception as exc:\n    print(type(exc).__name__)\n",
        "P-1 <class",
    ),
    (
        "format_map_walk",
        'M = "-".join(["P", "2"])\ntry:\n    print(M, "{x.__class__.__mro__}".format_map({"x": 1}))\n'
        "except Exception as exc:\n    print(type(exc).__name__)\n",
        "P-2 (<class",
    ),
    (
        "format_through_super",
        "class S(str):\n    pass\n"
        'try:\n    print("P-9", super(S, S("{0.__class__}")).format(1))\n'
        "except Exception as exc:\n    print(type(exc).__name__)\n",
        "P-9 <class",
    ),
    (
        "getattr_built_name",
        'U = chr(95) * 2\ntry:\n    print("P-3", getattr((), U + "class" + U))\n'
        "except Exception as exc:\n    print(type(exc).__name__)\n",
        "P-3 <class",
    ),
    (
        "async_for_target_shadows_guard",
        "async def agen():\n    yield 1\n\nasync def main():\n"
        "    async for _getiter_ in agen():\n        pass\n",
        "never printed",
    ),
    (
        "lambda_kwonly_shadows_guard",
        "f = lambda *, _getattr_=None: 1\nprint('P-5')\n",
        "P-5",
    ),
    (
        "loop_private_socket",
        "import asyncio\nasync def main():\n    loop = asyncio.get_running_loop()\n"
        "    try:\n        print('P-6', loop.sock_connect)\n    except AttributeError:\n"
        "        print('refused')\nasyncio.run(main())\n",
        "P-6",
    ),
    (
        "task_stack_frames",
        "import asyncio\nasync def main():\n    t = asyncio.current_task()\n"
        "    try:\n        print('P-7', getattr(t, 'get_stack')())\n    except AttributeError:\n"
        "        print('refused')\nasyncio.run(main())\n",
        "P-7",
    ),
    (
        "module_valued_attribute",
        "import contextlib\ntry:\n    print('P-8', getattr(contextlib, 'os'))\n"
        "except AttributeError:\n    print('refused')\n",
        "P-8",
    ),
]


def test_policy_alone_blocks_dunder_frame_format_and_guard_shadowing():
    jobs = shared("01", "03", "07", "08", "12", "17") + POLICY_OWN
    results = run_batch([(n, s) for n, s, _ in jobs], layers=frozenset({"policy"}))
    marker_free(results, jobs)
    for name in ("01_subclasses_dunder_walk.py", "12_posonly_param_shadows_write.py"):
        assert name not in results or results[name].status == "rejected"
    assert results["async_for_target_shadows_guard"].status == "rejected"
    assert results["lambda_kwonly_shadows_guard"].status == "rejected"


# -- layer 2: the module proxies alone -----------------------------------------

IMPORTS_OWN = [
    ("import_os", "import os\nprint('I-1', os.getcwd())\n", "I-1"),
    ("from_asyncio_submodule", "from asyncio import base_events\nprint('I-2')\n", "I-2"),
    ("dotted_import", "import asyncio.unix_events\nprint('I-3')\n", "I-3"),
    (
        "proxy_is_read_only",
        "import math\ntry:\n    math.tau = 4242\nexcept AttributeError:\n    pass\n"
        "if math.tau == 4242:\n    print('I-4')\n",
        "I-4",
    ),
    (
        "listed_names_only",
        "import functools, typing, dataclasses, operator, string\n"
        "for mod, name in ["
        " (functools, 'singledispatch'), (typing, 'get_type_hints'), (typing, 'ForwardRef'),"
        " (dataclasses, 'make_dataclass'), (operator, 'attrgetter'), (string, 'Formatter'),"
        " (dataclasses, 'sys'), (typing, 'sys')]:\n"
        "    if hasattr(mod, name):\n        print('I-5', name)\n"
        "def f():\n    pass\n"
        "class Box:\n    pass\n"
        "box = Box()\n"
        "functools.update_wrapper(box, f, assigned=('__globals__', '__code__'))\n"
        "if hasattr(box, '__globals__') or hasattr(box, '__code__'):\n    print('I-5 copied')\n",
        "I-5",
    ),
    (
        "sys_is_reduced",
        "import sys\nfor name in ('modules', 'exc_info', '_getframe', 'path'):\n"
        "    if hasattr(sys, name):\n        print('I-6', name)\nprint(sys.version_info[0])\n",
        "I-6",
    ),
]


def test_module_proxies_alone_expose_only_listed_names():
    jobs = shared("21", "24", "31", "35", "38", "47", "52", "77", "79", "82") + IMPORTS_OWN
    results = run_batch([(n, s) for n, s, _ in jobs], layers=frozenset({"imports"}))
    marker_free(results, jobs)
    assert "ImportError" in results["import_os"].output
    assert "allowed: asyncio" in results["import_os"].output
    assert results["sys_is_reduced"].output.strip().endswith("3")


# -- layer 3: the audit hook alone (plain, unrestricted Python) ---------------

AUDIT_SNIPPETS = {
    "spawn": """
import os, subprocess
for name, attempt in [
    ("system", lambda: os.system("id")),
    ("popen", lambda: subprocess.run(["id"])),
    ("posix_spawn", lambda: os.posix_spawn("/usr/bin/id", ["id"], {})),
    ("fork", lambda: os.fork()),
]:
    try:
        attempt()
        print("A-SPAWNED", name)
    except Exception as exc:
        print(name, type(exc).__name__, exc)
""",
    "network": """
import asyncio, socket
try:
    socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    print("A-SOCKET")
except Exception as exc:
    print("socket", exc)
async def main():
    try:
        await asyncio.open_connection("127.0.0.1", 80)
        print("A-CONNECT")
    except Exception as exc:
        print("open_connection", exc)
asyncio.run(main())
""",
    "ctypes": """
import ctypes
try:
    ctypes.CDLL(None).getpid()
    print("A-CTYPES")
except Exception as exc:
    print("ctypes", exc)
""",
    "files": """
for path in ("/etc/hostname", "/proc/1/environ", "../escape.txt", "/tmp/escape.txt"):
    try:
        open(path, "a" if "escape" in path else "r").close()
        print("A-OPENED", path)
    except Exception as exc:
        print("open", exc)
with open("inside.txt", "w") as handle:
    handle.write("fine")
print("inside", open("inside.txt").read())
""",
    "tracing": """
import sys
attempts = [
    ("settrace", lambda: sys.settrace(lambda *args: None)),
    ("setprofile", lambda: sys.setprofile(lambda *args: None)),
]
if hasattr(sys, "monitoring"):  # 3.12+
    events = sys.monitoring.events
    attempts.append(("monitoring", lambda: sys.monitoring.register_callback(4, events.CALL, print)))
for name, attempt in attempts:
    try:
        attempt()
        print("A-TRACED", name)
    except Exception as exc:
        print(name, exc)
""",
    "asyncio_still_works": """
import asyncio
async def main():
    value = await asyncio.to_thread(sum, [1, 2, 3])
    async with asyncio.TaskGroup() as tg:
        task = tg.create_task(asyncio.sleep(0.001, value))
    print("asyncio ok", task.result())
asyncio.run(main())
""",
}


def test_audit_hook_alone_denies_processes_network_ctypes_files_and_tracing():
    results = run_batch(AUDIT_SNIPPETS.items(), layers=frozenset({"audit"}))
    for name, result in results.items():
        for marker in ("A-SPAWNED", "A-SOCKET", "A-CONNECT", "A-CTYPES", "A-OPENED", "A-TRACED"):
            assert marker not in result.output, (name, result.output)
    denied = "not allowed in the sandbox"
    assert results["spawn"].output.count(denied) == 4
    assert results["network"].output.count(denied) == 2
    assert denied in results["ctypes"].output
    assert results["files"].output.count(denied) == 4
    assert "inside fine" in results["files"].output
    tracing = results["tracing"].output.splitlines()
    assert len(tracing) >= 2 and all(line.endswith(denied) for line in tracing)
    assert results["asyncio_still_works"].output == "asyncio ok 6\n"


# -- layer 4: the jail alone (layers 1-3 off, plain Python) ---------------------


@pytest.fixture(scope="module")
def listener():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    yield server
    server.close()


@pytest.fixture(scope="module")
def jail_results(listener):
    port = listener.getsockname()[1]
    checkout, home = Path(__file__).resolve().parents[2], Path.home()
    snippets = {
        "network": f"""
import socket
for family, address in [(socket.AF_INET, ("127.0.0.1", {port})), (socket.AF_INET6, ("::1", {port}))]:
    try:
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.settimeout(2)
            s.connect(address)
        print("J-NET connected")
    except ConnectionRefusedError:
        print("J-NET refused")
    except OSError as exc:
        print("blocked", exc)
try:
    socket.getaddrinfo("example.com", 80)
    print("J-NET resolved")
except OSError as exc:
    print("blocked", exc)
""",
        "environment": f"""
import os
token = "{FAKE_TOKEN[:5]}" + "{FAKE_TOKEN[5:]}"
found = [k for k, v in os.environ.items() if token in v]
try:
    entries = os.listdir("/proc")
except OSError:
    entries = []
for entry in entries + ["1", "2", "self", str(os.getppid())]:
    if entry.isdigit() or entry == "self":
        for name in ("environ", "cmdline"):
            try:
                with open("/proc/" + entry + "/" + name, "rb") as handle:
                    if token.encode() in handle.read():
                        found.append(entry + "/" + name)
            except OSError:
                pass
try:
    open("/proc/1/mem", "rb").close()
    found.append("worker memory")
except OSError:
    pass
print("J-ENV" if found else "clean", found, sorted(os.environ))
""",
        "write_outside": f"""
import os
here = os.getcwd()
escaped = []
for path in ("/tmp/j.txt", "/var/tmp/j.txt", "/dev/shm/j.txt", "{checkout}/j.txt",
             "{home}/j.txt", os.path.join(os.path.dirname(here), "j.txt"), "/j.txt"):
    try:
        with open(path, "w") as handle:
            handle.write("x")
        escaped.append(path)
    except OSError:
        pass
with open("inside.txt", "w") as handle:
    handle.write("fine")
try:
    with open("big.bin", "wb") as handle:
        handle.write(b"x" * (2 << 20))
    escaped.append("disk limit")
except OSError as exc:
    print("disk", type(exc).__name__)
print("J-WRITE" if escaped else "clean", escaped, open("inside.txt").read())
""",
        "fork_bomb": """
import os, subprocess
forks = 0
for _ in range(200):
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        os._exit(0)
    forks += 1
for attempt in (lambda: subprocess.run(["true"]), lambda: os.posix_spawn("/bin/true", ["true"], {})):
    try:
        attempt()
        forks += 1000
    except OSError:
        pass
print("forks", forks)
""",
        "thread_bomb": """
import threading
gate = threading.Event()
started = 0
try:
    while started < 2000:
        threading.Thread(target=gate.wait, daemon=True).start()
        started += 1
except RuntimeError:
    pass
gate.set()
print("threads", started)
""",
        "memory": "blob = bytearray(1 << 30)\nprint('J-MEM', len(blob))\n",
        "stuck_in_c": """
import threading
print("started", flush=True)
threading.Thread(target=lambda: sum(range(10**12)), daemon=True).start()
sum(range(10**12))
print("J-WALL")
""",
    }
    previous = os.environ.get("DISCORD_TOKEN")
    os.environ["DISCORD_TOKEN"] = FAKE_TOKEN  # planted in the parent, before the worker starts
    try:
        results = run_batch(snippets.items(), layers=frozenset(), timeout=2.0)
    finally:
        if previous is None:
            os.environ.pop("DISCORD_TOKEN", None)
        else:
            os.environ["DISCORD_TOKEN"] = previous
    return results


def test_jail_alone_cannot_reach_the_network(jail_results, listener):
    output = jail_results["network"].output
    assert "J-NET" not in output, output
    assert output.count("blocked") == 3
    with pytest.raises(TimeoutError):
        listener.accept()


def test_jail_alone_cannot_find_the_parents_token(jail_results):
    result = jail_results["environment"]
    assert result.output.startswith("clean"), result.output
    assert "J-ENV" not in result.output


def test_jail_alone_cannot_write_outside_its_directory(jail_results):
    output = jail_results["write_outside"].output
    assert "clean [] fine" in output, output
    assert "disk OSError" in output


def test_jail_alone_stops_fork_and_thread_bombs(jail_results):
    assert jail_results["fork_bomb"].output == "forks 0\n"
    started = int(jail_results["thread_bomb"].output.split()[-1])
    assert 4 <= started < Limits().threads


def test_jail_alone_caps_memory(jail_results):
    result = jail_results["memory"]
    assert result.status == "memory"
    assert "J-MEM" not in result.output


def test_jail_alone_kills_the_whole_group_at_the_wall_clock(jail_results):
    result = jail_results["stuck_in_c"]
    assert result.status == "timeout"
    assert result.output == "started\n"
    assert result.wall_ms < 3500


def test_worker_never_holds_the_token_in_environment_or_memory():
    """Read the warm worker's environ and memory from outside, as root."""
    from .helpers import Sandbox

    os.environ["DISCORD_TOKEN"] = FAKE_TOKEN
    try:
        import asyncio

        async def main() -> list[bytes]:
            async with Sandbox(Limits(concurrency=1)) as sandbox:
                await sandbox.run("print('warm')")
                outer = worker_process(sandbox).process.pid
                pids = [outer, *descendants(outer)]
                return [process_memory(pid) for pid in pids]

        images = asyncio.run(main())
    finally:
        os.environ.pop("DISCORD_TOKEN", None)
    assert len(images) == 3  # bubblewrap, the worker and its one spare child
    for image in images:
        assert len(image) > 1_000_000
        assert FAKE_TOKEN.encode() not in image


def test_the_audit_hook_reads_no_global_or_builtin_name():
    """Its state cannot be changed from inside: every name it uses is a closure
    cell bound when it was built (module globals and builtins can be rebound)."""
    import dis

    from bot.sandbox import audit

    hook = audit.build_hook("/tmp", ("/usr",))
    functions = [hook] + [
        cell.cell_contents for cell in hook.__closure__ if hasattr(cell.cell_contents, "__code__")
    ]
    codes = [function.__code__ for function in functions]
    names = set()
    while codes:
        code = codes.pop()
        codes += [const for const in code.co_consts if hasattr(const, "co_code")]
        names |= {
            ins.argval
            for ins in dis.get_instructions(code)
            if ins.opname in ("LOAD_GLOBAL", "LOAD_NAME", "STORE_GLOBAL")
        }
    assert names == set()


def test_threading_module_is_needed_only_by_the_test():
    assert threading.active_count() >= 1
