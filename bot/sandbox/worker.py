"""The warm worker: a clean interpreter (empty environment, no bot state) inside the
outer jail that has already imported everything a snippet may use and forks one
child per run.

It handles numbers and file descriptors only. An order (protocol.Order) comes
with three descriptors: the request memfd, the output pipe and the report pipe;
the worker passes them to a spare child and closes its own copies unread, so
no snippet's source, output or report ever enters the heap its children are
forked from. It reads nothing a child writes: a child can only end, and the
kernel says how (wait4, the cgroup's OOM counter), so nothing a child does can
crash the worker or reach another run.

Each slot has two cells (uid, cgroup, tmpfs); runs on a slot alternate between
them, so the spare for the next run waits in the cell the current run is not
using. The worker is single-threaded (a process that forks must be) and keeps
the wall-clock deadlines: at a deadline it SIGKILLs the child's process group.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import selectors
import signal
import socket
import sysconfig
import tempfile
import threading
import time

from . import boundary, jail, protocol, seccomp
from .cgroups import Cell
from .modules import build_proxies, prime_caches
from .spare import become_spare

THREAD_STACK = 2 * 1024 * 1024


class Run:
    def __init__(self, order: protocol.Order, pid: int, cell: int) -> None:
        self.order = order
        self.pid = pid
        self.cell = cell
        self.started = time.monotonic()
        self.deadline = self.started + order.wall
        self.timed_out = False


class Worker:
    def __init__(self, config: dict) -> None:
        self.config = config
        self.ctrl = socket.socket(fileno=config["ctrl_fd"])
        self.events_fd = config["events_fd"]
        self.slots = config["slots"]
        self.isolated = bool(config["isolated"]) and os.geteuid() == 0
        layout = config.get("cgroups")
        self.cgroups = [Cell(layout, n) for n in range(2 * self.slots)] if layout else None
        self.runs: dict[int, Run] = {}
        self.spares: dict[int, tuple[int, socket.socket, int]] = {}  # slot -> pid, channel, cell
        self.next_cell = [2 * slot for slot in range(self.slots)]
        self.closing = False
        self.selector = selectors.DefaultSelector()

    # -- startup -------------------------------------------------------------

    def prepare(self) -> dict:
        jail.set_malloc_arenas(1)
        threading.stack_size(THREAD_STACK)
        self.proxies = build_proxies()
        prime_caches()
        self.run_root = "/tmp" if self.isolated else tempfile.mkdtemp(prefix="awaitbot-sandbox-")
        for cell in range(2 * self.slots):
            os.mkdir(self.cell_dir(cell), 0o700)
            if self.isolated:
                jail.fresh_tmpfs(self.cell_dir(cell), self.uid(cell), self.config["disk_bytes"])
            if self.cgroups:
                self.cgroups[cell].configure(self.config["memory_bytes"], self.config["threads"])
        self.read_roots = tuple(
            path
            for path in (
                sysconfig.get_paths()["stdlib"],
                "/dev/null",
                "/dev/urandom",
                "/etc/localtime",
                "/usr/share/zoneinfo",
            )
            if os.path.exists(path)
        )
        self.landlock_abi = jail.landlock_abi()
        self.filter = seccomp.program() if seccomp.available() else None
        if self.filter and not jail.works_in_a_child(self.probe_seccomp):
            self.filter = None
        gc.collect()
        gc.freeze()  # children then do not touch (and copy) the preloaded heap
        self.base_vsz = jail.address_space_size()
        return self.isolation()

    def isolation(self) -> dict:
        outside = self.config.get("namespaces", {})
        inside = boundary.namespace_ids()
        fresh = {name: outside.get(name) not in (None, inside.get(name)) for name in inside}
        return {
            "root": os.geteuid() == 0,
            "uid_drop": self.isolated,
            "netns": fresh.get("net", False) and jail.no_network(),
            "pidns": fresh.get("pid", False) and os.getpid() == 1,
            "ipcns": fresh.get("ipc", False),
            "utsns": fresh.get("uts", False),
            "mountns": fresh.get("mnt", False),
            "minimal_fs": self.isolated
            and not os.path.exists("/home")
            and not os.path.exists("/run"),
            "cgroup": bool(self.cgroups),
            "landlock": self.landlock_abi,
            "seccomp": self.filter is not None,
        }

    def probe_seccomp(self) -> None:
        jail.harden_process()
        seccomp.install(self.filter)
        try:
            os.fork()
        except PermissionError:
            return
        raise OSError("fork still allowed after seccomp")

    def cell_dir(self, cell: int) -> str:
        return os.path.join(self.run_root, f"cell{cell}")

    def uid(self, cell: int) -> int:
        return self.config["uid_base"] + cell

    # -- event loop ----------------------------------------------------------

    def serve(self) -> None:
        wake_r, wake_w = socket.socketpair()
        wake_r.setblocking(False)
        wake_w.setblocking(False)
        signal.set_wakeup_fd(wake_w.fileno())
        signal.signal(signal.SIGCHLD, lambda *_: None)
        self.selector.register(self.ctrl, selectors.EVENT_READ, "ctrl")
        self.selector.register(wake_r, selectors.EVENT_READ, "wake")
        while True:
            pending = [run.deadline for run in self.runs.values() if not run.timed_out]
            timeout = max(0.0, min(pending) - time.monotonic()) if pending else None
            for key, _ in self.selector.select(timeout):
                if key.data == "ctrl" and not self.receive():
                    self.shutdown()
                    return
                if key.data == "wake":
                    try:
                        wake_r.recv(4096)
                    except BlockingIOError:
                        pass
            self.reap()
            self.enforce_deadlines()

    def receive(self) -> bool:
        try:
            data, fds = protocol.receive_with_fds(self.ctrl)
        except BlockingIOError:
            return True
        except ValueError:
            return True  # a truncated order: its descriptors are closed, nothing starts
        if not data:
            return False
        if len(fds) != 3:
            for fd in fds:
                os.close(fd)
            return True
        self.start(protocol.Order.decode(data), fds)
        return True

    def start(self, order: protocol.Order, fds: list[int]) -> None:
        """Hand the order and its descriptors to the slot's spare, then fork the next."""
        slot = order.slot
        spare = self.spares.pop(slot, None) or self.fork_spare(slot, register=False)
        pid, channel, cell = spare
        if self.cgroups:
            self.cgroups[cell].set_memory(order.memory_bytes)
        try:
            # Back to normal scheduling for its run (it waited on idle CPU only).
            os.sched_setscheduler(pid, os.SCHED_OTHER, os.sched_param(0))
            protocol.send_with_fds(channel, order.encode(), fds)
        except OSError:
            pass  # the spare died; reaping it reports the run as failed
        finally:
            channel.close()
            for fd in fds:
                os.close(fd)
        self.runs[pid] = Run(order, pid, cell)
        # The next run on this slot gets a child that is already jailed and prepared.
        self.fork_spare(slot)

    def fork_spare(self, slot: int, register: bool = True) -> tuple[int, socket.socket, int]:
        """Fork a child for the slot's next cell that jails itself, prepares what
        does not depend on the snippet, and waits for its order: the fork and the
        jail are thereby paid between runs instead of inside one."""
        cell = self.next_cell[slot]
        self.next_cell[slot] = cell ^ 1
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            status = protocol.SETUP_FAILED
            try:
                ours.close()
                status = become_spare(self, cell, theirs)
            finally:
                os._exit(status)
        theirs.close()
        spare = (pid, ours, cell)
        if register:
            self.spares[slot] = spare
        return spare

    def reap(self) -> None:
        while True:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            for slot, spare in list(self.spares.items()):
                if spare[0] == pid:  # a spare died before its run: drop it
                    del self.spares[slot]
                    spare[1].close()
            run = self.runs.pop(pid, None)
            if run is not None:
                self.finish(run, status, usage)

    def finish(self, run: Run, status: int, usage: resource.struct_rusage) -> None:
        wall_ms = int((time.monotonic() - run.started) * 1000)
        _kill_group(run.pid)
        oom_killed = threads_refused = False
        if self.cgroups:
            try:
                oom_killed = self.cgroups[run.cell].killed_for_memory(status)
                threads_refused = self.cgroups[run.cell].refused_threads()
            except OSError:
                pass
        if self.isolated:
            jail.fresh_tmpfs(self.cell_dir(run.cell), self.uid(run.cell), self.config["disk_bytes"])
        else:
            _empty(self.cell_dir(run.cell))
        self.emit(
            "done",
            id=run.order.id,
            returncode=os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            signal=os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
            cpu_ms=int((usage.ru_utime + usage.ru_stime) * 1000),
            wall_ms=wall_ms,
            timed_out=run.timed_out,
            oom_killed=oom_killed,
            threads_refused=threads_refused,
        )
        slot = run.order.slot
        if not self.closing and slot not in self.spares:
            self.fork_spare(slot)

    def enforce_deadlines(self) -> None:
        now = time.monotonic()
        for run in self.runs.values():
            if not run.timed_out and now >= run.deadline:
                run.timed_out = True
                _kill_group(run.pid)

    def emit(self, kind: str, **fields) -> None:
        data = protocol.encode_event(kind, **fields)
        while data:
            data = data[os.write(self.events_fd, data) :]

    def shutdown(self) -> None:
        self.closing = True
        pids = [*self.runs, *(spare[0] for spare in self.spares.values())]
        for pid in pids:
            _kill_group(pid)
        for pid in pids:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        if not self.isolated:
            _empty(self.run_root)
            os.rmdir(self.run_root)


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _empty(path: str) -> None:
    """Remove everything under `path` (weak isolation only: no tmpfs to replace)."""
    import shutil

    for entry in os.scandir(path):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            try:
                os.unlink(entry.path)
            except OSError:
                pass


def main(config_json: str) -> None:
    config = json.loads(config_json)
    worker = Worker(config)
    info = worker.prepare()
    for slot in range(worker.slots):
        worker.fork_spare(slot)
    worker.emit("ready", isolation=info, pid=os.getpid())
    worker.serve()
