"""Shared helpers for the sandbox tests: attack headers, reference runs, normalising."""

from __future__ import annotations

import asyncio
import functools
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from bot import sandbox as _sandbox
from bot.knowledge.diagnostics import diagnose
from bot.sandbox import Limits, Result, boundary

# The jail needs root and bubblewrap; elsewhere its tests are skipped, visibly.
JAIL = os.geteuid() == 0 and boundary.bwrap() is not None
needs_jail = pytest.mark.skipif(
    not JAIL, reason="the sandbox's jail needs root and bubblewrap (Debian package bubblewrap)"
)


# The interpreter the worker (and the parity reference) runs on; the supervisor
# stays on this one:  SANDBOX_PYTHON=3.13 pytest tests/sandbox
WORKER_PYTHON = _sandbox.interpreters.resolve(os.environ.get("SANDBOX_PYTHON") or sys.executable)


class Sandbox(_sandbox.Sandbox):
    """`bot.sandbox.Sandbox` with its worker on WORKER_PYTHON; the tests build this one."""

    def __init__(self, limits: Limits | None = None, **kwargs) -> None:
        kwargs.setdefault("python", WORKER_PYTHON)
        kwargs.setdefault("diagnose", diagnose)  # as the bot does: hints from bot/knowledge
        # Where the jail cannot be built (not root, no bubblewrap) the in-process
        # layers are still tested; the jail's own tests are skipped (needs_jail).
        kwargs.setdefault("accept_weak_isolation", not JAIL)
        super().__init__(limits, **kwargs)


HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
# The team's shared folder sits next to the checkout when present (an extra).
SHARED_ATTACKS = REPO.parent / "shared" / "sandbox-attacks"
LOCAL_ATTACKS = HERE / "attacks"
SNIPPETS = HERE / "snippets"


def attack_files() -> list[Path]:
    files = []
    for folder in (SHARED_ATTACKS, SHARED_ATTACKS / "output", LOCAL_ATTACKS):
        if folder.is_dir():
            files.extend(sorted(folder.glob("*.py")))
    return files


def header(path: Path) -> dict[str, str]:
    """The `# key: value` lines at the top of an attack file, values unescaped."""
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"#\s*(\w+):\s?(.*)$", line)
        if not match:
            break
        fields[match.group(1)] = match.group(2)
    for key in ("marker", "output"):
        if key in fields:
            fields[key] = fields[key].encode("latin-1", "backslashreplace").decode("unicode_escape")
    return fields


def reference_output(source: str, workdir: Path, python: str = "") -> tuple[str, int]:
    """Run `python3 -u snippet.py` the plain way (on the worker's Python unless
    told another); stdout and stderr share one pipe."""
    script = workdir / "snippet.py"
    script.write_bytes(source.encode("utf-8", "surrogateescape"))
    done = subprocess.run(
        [python or WORKER_PYTHON, "-u", "snippet.py"],
        cwd=workdir,
        env={},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=60,
    )
    return done.stdout.decode("utf-8", "replace"), done.returncode


def normalise_reference(text: str, workdir: Path) -> str:
    """CPython's side: the script's absolute path becomes `snippet.py` (the name the
    sandbox uses), then frames are normalised as on both sides."""
    return without_outside_frames(
        text.replace(f"{os.fspath(workdir)}{os.sep}snippet.py", "snippet.py")
    )


@functools.cache
def stdlib_dir(python: str) -> str:
    """Where `python` keeps its standard library."""
    done = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def stdlib_hidden(text: str, python: str) -> str:
    """The standard library's path (in an ImportError, a logged traceback) as
    `<stdlib>`: expected outputs stored in the repository hold no machine's paths."""
    return text.replace(stdlib_dir(python), "<stdlib>")


_FRAME = re.compile(r'^((?:\s*\| )?)  File "(.*?)", line \d+')


def without_outside_frames(text: str) -> str:
    """Drop traceback frames outside `snippet.py` (with their source and caret
    lines), in plain tracebacks and inside exception-group boxes (`  | `): they
    name files and lines of the interpreter's own library, which the sandbox's
    tracebacks leave out and which differ between installations."""
    kept: list[str] = []
    skipping_prefix = None
    for line in text.splitlines(keepends=True):
        match = _FRAME.match(line)
        if match:
            prefix, filename = match.groups()
            skipping_prefix = None if filename == "snippet.py" else prefix
        elif skipping_prefix is not None and not line.startswith(skipping_prefix + "    "):
            skipping_prefix = None
        if skipping_prefix is None:
            kept.append(line)
    return "".join(kept)


def descendants(root: int) -> set[int]:
    """Every process below `root` (read from /proc, so it sees only this tree)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, stack = set(), [root]
    while stack:
        for child in children.get(stack.pop(), []):
            found.add(child)
            stack.append(child)
    return found


def process_memory(pid: int) -> bytes:
    """Everything readable in a process's memory (and its environment), read from
    outside as root: what a secret must not be found in."""
    chunks = []
    try:
        with open(f"/proc/{pid}/environ", "rb") as handle:
            chunks.append(handle.read())
        with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb") as mem:
            for line in maps:
                span, perms = line.split()[:2]
                if "r" not in perms or "[vvar" in line or "[vsyscall" in line:
                    continue
                start, end = (int(x, 16) for x in span.split("-"))
                try:
                    mem.seek(start)
                    chunks.append(mem.read(end - start))
                except (OSError, OverflowError, ValueError):
                    continue
    except OSError:
        return b""
    return b"".join(chunks)


def worker_process(sandbox: Sandbox):
    """The default interpreter's worker (the test suite may look inside)."""
    return sandbox._workers[sandbox.python]


def run_processes(sandbox: Sandbox) -> set[int]:
    """The children of the sandbox's warm worker: spares waiting and runs running."""
    outer = worker_process(sandbox).process.pid  # bubblewrap, whose child is the worker
    tree = descendants(outer)
    workers = {pid for pid in tree if _parent(pid) == outer}
    return tree - workers


def _parent(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return int(handle.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return -1


# Short limits keep the suite fast; the attacks only need to outlive them.
ATTACK_TIMEOUT = 3.0
TEST_LIMITS = Limits(concurrency=4, queue_bound=1000)


def run_batch(
    jobs: Iterable[tuple[str, str]],
    *,
    layers: frozenset[str] | None = None,
    timeout: float = ATTACK_TIMEOUT,
    limits: Limits = TEST_LIMITS,
    fast: bool = False,
    timeline: bool = False,
) -> dict[str, Result]:
    """Run (name, source) jobs at once in a fresh Sandbox; results by name.

    `layers` is the test-only switch: the layers (policy, imports, audit) left on.
    """

    async def main() -> dict[str, Result]:
        async with Sandbox(limits, _layers=layers) as sandbox:
            names, sources = zip(*jobs, strict=True)
            results = await asyncio.gather(
                *(sandbox.run(s, timeout=timeout, fast=fast, timeline=timeline) for s in sources)
            )
        return dict(zip(names, results, strict=True))

    return asyncio.run(main())
