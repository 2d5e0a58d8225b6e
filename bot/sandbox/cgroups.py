"""Per-run memory and thread accounting with cgroups (v1 or v2).

RLIMIT_AS only bounds one process's address space; a cgroup also counts what a
run can allocate outside it (page cache of its files, pipe buffers, kernel
memory), and its OOM counter tells, from the kernel, whether a run was killed
for memory. The supervisor (outside the jail) creates one cgroup per cell
(two cells per slot, so a spare can wait in one while a run uses the other) and
binds them into the worker's jail at `/cgroup/<controller>`; the worker sets the
limits per run; a child joins its cell before it drops its privileges.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import time

JAIL_ROOT = "/cgroup"
PREFIX = "awaitbot-sandbox-"
# A plan's name carries its owner's pid (to tell a dead owner's leftovers) and a
# random part: pids wrap, and a pid reused after a SIGKILL must not meet its own
# predecessor's directory.
_NAME = re.compile(re.escape(PREFIX) + r"(\d+)-[0-9a-f]+")


def _mounts() -> dict[str, str]:
    """Controller -> mount point ("memory", "pids" for v1; "unified" for v2)."""
    found: dict[str, str] = {}
    with open("/proc/self/mountinfo", encoding="utf-8") as handle:
        for line in handle:
            left, _, right = line.partition(" - ")
            fields, extra = left.split(), right.split()
            if len(fields) < 5 or len(extra) < 3:
                continue
            point, fstype, options = fields[4], extra[0], extra[2].split(",")
            if fstype == "cgroup2":
                found.setdefault("unified", point)
            elif fstype == "cgroup":
                for name in ("memory", "pids"):
                    if name in options:
                        found.setdefault(name, point)
    return found


def _own_paths() -> dict[str, str]:
    paths: dict[str, str] = {}
    with open("/proc/self/cgroup", encoding="utf-8") as handle:
        for line in handle:
            _, controllers, path = line.rstrip("\n").split(":", 2)
            for name in controllers.split(",") if controllers else ["unified"]:
                paths[name] = path
    return paths


def _counter_in(path: str, wanted: str) -> int:
    """A counter from a cgroup's events file (lines of `name value`)."""
    with open(path, encoding="ascii") as handle:
        for line in handle:
            name, _, value = line.partition(" ")
            if name == wanted:
                return int(value)
    return 0


def _write(path: str, value: str) -> None:
    with open(path, "w", encoding="ascii") as handle:
        handle.write(value)


class CgroupPlan:
    """The supervisor's side: a directory per controller holding `cell<N>` cgroups."""

    def __init__(self, version: int, dirs: dict[str, str], cells: int) -> None:
        self.version = version
        self.dirs = dirs  # jail name ("memory", "pids" or "unified") -> host path
        self.cells = cells

    @classmethod
    def create(cls, cells: int) -> CgroupPlan | None:
        """Make the cgroups, or None when this host cannot (not root, no controllers)."""
        if os.geteuid() != 0:
            return None
        name = f"{PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
        try:
            mounts, own = _mounts(), _own_paths()
            if "memory" in mounts and "pids" in mounts:
                parents = {
                    c: f"{mounts[c]}{own.get(c, '/').rstrip('/')}" for c in ("memory", "pids")
                }
                version = 1
            elif "unified" in mounts:
                parents = {"unified": _v2_parent(mounts["unified"], own)}
                version = 2
            else:
                return None
            for parent in parents.values():
                sweep(parent)
            plan = cls(version, {c: f"{parent}/{name}" for c, parent in parents.items()}, cells)
            plan._make()
            return plan
        except OSError:
            return None

    def _make(self) -> None:
        for path in self.dirs.values():
            os.mkdir(path, 0o755)
            if self.version == 2:
                _write(f"{path}/cgroup.subtree_control", "+memory +pids")
            for cell in range(self.cells):
                os.mkdir(f"{path}/cell{cell}", 0o755)

    def binds(self) -> list[tuple[str, str]]:
        """(host path, path inside the jail) pairs to bind read-write."""
        return [(path, f"{JAIL_ROOT}/{name}") for name, path in self.dirs.items()]

    def layout(self) -> dict:
        return {"version": self.version, "controllers": sorted(self.dirs)}

    def remove(self) -> None:
        """Remove the cgroups once every process in them is gone (a few retries)."""
        deadline = time.monotonic() + 5
        for path in self.dirs.values():
            _remove_tree(path, deadline)


def _remove_tree(path: str, deadline: float) -> bool:
    """rmdir a plan's cells, then the plan; retried until `deadline` while
    processes are still leaving. True when it is gone."""
    with contextlib.suppress(FileNotFoundError):
        cells = [entry.path for entry in os.scandir(path) if entry.is_dir()]
        for directory in [*cells, path]:
            while True:
                try:
                    os.rmdir(directory)
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        return False
                    time.sleep(0.01)  # exiting processes leave their cgroup shortly
    return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep(parent: str) -> list[str]:
    """Remove plans left under `parent` by services that died without cleaning up
    (SIGKILL, a crash, `docker kill`): their owner pid is gone. A plan in use
    never goes: its owner is alive, and a cgroup with processes cannot be removed."""
    removed = []
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(parent):
            match = _NAME.fullmatch(entry.name)
            if match and entry.is_dir() and not _alive(int(match.group(1))):
                if _remove_tree(entry.path, deadline=0):
                    removed.append(entry.name)
    return removed


def _v2_parent(mount: str, own: dict[str, str]) -> str:
    """A v2 cgroup under which we may create children with memory and pids enabled:
    our own (when delegated to us) or the root."""
    for relative in (own.get("unified", "/"), "/"):
        parent = mount + relative.rstrip("/")
        with contextlib.suppress(OSError):
            with open(f"{parent}/cgroup.subtree_control", encoding="ascii") as handle:
                enabled = handle.read().split()
            if not {"memory", "pids"} <= set(enabled):
                _write(f"{parent}/cgroup.subtree_control", "+memory +pids")
            return parent
    raise OSError("no cgroup v2 parent with memory and pids")


class Cell:
    """The worker's side: one cell's cgroup files, as seen inside the jail."""

    def __init__(self, layout: dict, cell: int) -> None:
        self.version = layout["version"]
        base = {name: f"{JAIL_ROOT}/{name}/cell{cell}" for name in layout["controllers"]}
        memory = base.get("memory") or base["unified"]
        pids = base.get("pids") or base["unified"]
        self.procs = sorted({f"{path}/cgroup.procs" for path in base.values()})
        if self.version == 1:
            self.memory_limit = f"{memory}/memory.limit_in_bytes"
            self.events = f"{memory}/memory.oom_control"
        else:
            self.memory_limit = f"{memory}/memory.max"
            self.events = f"{memory}/memory.events"
        self.pids_limit = f"{pids}/pids.max"
        self.pids_events = f"{pids}/pids.events"
        self.limit = -1
        self.kills = 0  # the OOM counter as last read
        self.refusals = 0  # the pids counter ("max": clones refused) as last read

    def configure(self, memory_bytes: int, threads: int) -> None:
        _write(self.pids_limit, str(threads))
        self.set_memory(memory_bytes)
        self.kills = self.oom_kills()
        self.refusals = _counter_in(self.pids_events, "max")
        if self.version == 2:
            with contextlib.suppress(OSError):
                _write(f"{self.memory_limit.rsplit('/', 1)[0]}/memory.swap.max", "0")

    def set_memory(self, memory_bytes: int) -> None:
        if memory_bytes != self.limit:
            _write(self.memory_limit, str(memory_bytes))
            self.limit = memory_bytes

    def killed_for_memory(self, status: int) -> bool:
        """Did the kernel's OOM killer end the run that ended with `status`? It
        kills with SIGKILL, so the counter is read only then."""
        if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
            return False
        before, self.kills = self.kills, self.oom_kills()
        return self.kills > before

    def refused_threads(self) -> bool:
        """Did the kernel refuse a new thread (or process) to the run just ended,
        because the cell had as many as its pids limit allows?"""
        before, self.refusals = self.refusals, _counter_in(self.pids_events, "max")
        return self.refusals > before

    def oom_kills(self) -> int:
        return _counter_in(self.events, "oom_kill")

    def join(self) -> None:
        """Move the calling process into this cell (the child does it, as root)."""
        for path in self.procs:
            fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
            try:
                os.write(fd, b"0")
            finally:
                os.close(fd)
