"""The warm worker: a clean interpreter (empty environment, no bot state) that has
already imported everything a snippet may use, and forks one child per run.

It is single-threaded (a process that forks must be), driven by one selector:
requests arrive on a SOCK_SEQPACKET socket together with the write end of that
run's output pipe (SCM_RIGHTS); "ready" and "done" events leave as JSON lines
on a pipe. The worker, not the supervisor, enforces the wall clock: at the
deadline it SIGKILLs the child's whole process group.
"""

from __future__ import annotations

import array
import fcntl
import gc
import json
import linecache
import math
import os
import resource
import selectors
import shutil
import signal
import socket
import sys
import sysconfig
import tempfile
import threading
import time

from . import child, jail
from .modules import build_proxies

THREAD_STACK = 2 * 1024 * 1024
_CACHED_SOURCES = frozenset({"asyncio", "concurrent", "threading", "contextlib", "functools"})
REPORT_CAP = 65536


class Run:
    def __init__(self, request: dict, pid: int, report_fd: int, deadline: float) -> None:
        self.request = request
        self.pid = pid
        self.report_fd = report_fd
        self.report = b""
        self.started = time.monotonic()
        self.deadline = deadline
        self.timed_out = False


class Worker:
    def __init__(self, config: dict) -> None:
        self.config = config
        self.ctrl = socket.socket(fileno=config["ctrl_fd"])
        self.events_fd = config["events_fd"]
        self.slots = config["slots"]
        self.isolated = bool(config["isolated"]) and os.geteuid() == 0
        self.runs: dict[int, Run] = {}
        self.spares: dict[int, tuple] = {}
        self.spare_pids: set[int] = set()
        self.closing = False
        self.selector = selectors.DefaultSelector()

    # -- startup -------------------------------------------------------------

    def prepare(self) -> dict:
        jail.set_malloc_arenas(1)
        threading.stack_size(THREAD_STACK)
        self.proxies = build_proxies()
        _prime_caches()
        if self.isolated:
            self.run_root = "/tmp"
            jail.setup_mounts(self.run_root, self.slots, self.config["disk_bytes"])
        else:
            self.run_root = tempfile.mkdtemp(prefix="awaitbot-sandbox-")
            for slot in range(self.slots):
                os.mkdir(jail.slot_dir(self.run_root, slot), 0o700)
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
        self.seccomp = jail.seccomp_available() and _probe(jail.harden_and_filter_probe)
        gc.collect()
        gc.freeze()  # children then do not touch (and copy) the preloaded heap
        self.base_vsz = _vsz()
        return {
            "root": os.geteuid() == 0,
            "uid_drop": self.isolated,
            "netns": _no_network(),
            "pidns": os.getpid() == 1,
            "mountns": self.isolated,
            "landlock": self.landlock_abi,
            "seccomp": self.seccomp,
        }

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
            timeout = None
            if self.runs:
                nearest = (
                    min(run.deadline for run in self.runs.values() if not run.timed_out)
                    if any(not run.timed_out for run in self.runs.values())
                    else None
                )
                if nearest is not None:
                    timeout = max(0.0, nearest - time.monotonic())
            for key, _ in self.selector.select(timeout):
                if key.data == "ctrl":
                    if not self.receive():
                        self.shutdown()
                        return
                elif key.data == "wake":
                    try:
                        wake_r.recv(4096)
                    except BlockingIOError:
                        pass
                else:
                    self.read_report(key.data)
            self.reap()
            self.enforce_deadlines()

    def receive(self) -> bool:
        fds = array.array("i")
        try:
            data, ancdata, _flags, _addr = self.ctrl.recvmsg(
                1 << 20, socket.CMSG_SPACE(fds.itemsize)
            )
        except BlockingIOError:
            return True
        for level, kind, payload in ancdata:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds.frombytes(payload[: len(payload) - len(payload) % fds.itemsize])
        if not data:
            return False
        request = json.loads(data)
        if not fds:
            return True
        self.start(request, fds[0])
        for extra in fds[1:]:
            os.close(extra)
        return True

    def start(self, request: dict, out_fd: int) -> None:
        """Hand the request to the slot's spare child (forking one if there is none)."""
        slot = int(request["slot"])
        spare = self.spares.pop(slot, None) or self.fork_spare(slot, register=False)
        pid, channel, report_r = spare
        deadline = time.monotonic() + float(request["wall"])
        try:
            channel.sendmsg(
                [json.dumps(request).encode()],
                [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [out_fd]))],
            )
        except OSError:
            pass  # the spare died; reaping it reports the run as killed
        finally:
            channel.close()
            os.close(out_fd)
        run = Run(request, pid, report_r, deadline)
        self.runs[pid] = run
        self.selector.register(report_r, selectors.EVENT_READ, run)
        # The next run on this slot gets a child that is already jailed and warm.
        self.fork_spare(slot)

    def fork_spare(self, slot: int, register: bool = True) -> tuple:
        """Fork a child for `slot` that jails itself, warms up, and waits for its request.

        The fork, the jail set-up and the first-touch page faults are thereby paid
        between runs instead of inside one."""
        report_r, report_w = os.pipe2(os.O_CLOEXEC)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            status = 70
            try:
                ours.close()
                status = self.spare_child(slot, theirs, report_w)
            finally:
                os._exit(status)
        theirs.close()
        os.close(report_w)
        os.set_blocking(report_r, False)
        spare = (pid, ours, report_r)
        self.spare_pids.add(pid)
        if register:
            self.spares[slot] = spare
        return spare

    def spare_child(self, slot: int, channel: socket.socket, report_w: int) -> int:
        workdir = jail.slot_dir(self.run_root, slot)
        config = self.config
        try:
            os.setsid()
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            os.dup2(os.open("/dev/null", os.O_RDONLY), 0)
            # Move both descriptors out of the way first, so that neither can be
            # overwritten when the other lands on 3 or 4.
            report_high = fcntl.fcntl(report_w, fcntl.F_DUPFD, 100)
            channel_high = fcntl.fcntl(channel.detach(), fcntl.F_DUPFD, 100)
            os.dup2(report_high, 3)
            os.dup2(channel_high, 4)
            os.closerange(5, 65536)
            channel = socket.socket(fileno=4)
            os.chdir(workdir)
            jail.set_rlimits(
                cpu_seconds=int(config["cpu_seconds"]),
                address_space=self.base_vsz + int(config["memory_mib"]) * 1024 * 1024,
                threads=int(config["threads"]),
                fsize=int(config["disk_bytes"]),
                nofile=int(config["open_files"]),
            )
            if self.isolated:
                jail.drop_privileges(jail.BASE_UID + slot)
            jail.harden_process()
            if self.landlock_abi:
                jail.landlock(self.landlock_abi, workdir, self.read_roots)
            if self.seccomp:
                jail.install_seccomp()
            child.warm_up(self.proxies)
            request, out_fd = _receive_request(channel)
            channel.close()
            os.dup2(out_fd, 1)
            os.dup2(out_fd, 2)
            os.close(out_fd)
            used = resource.getrusage(resource.RUSAGE_SELF)
            spent = used.ru_utime + used.ru_stime  # the warm-up's share, usually ms
            jail.lower_limits(
                cpu_seconds=max(math.ceil(spent), int(spent + int(request["cpu"]))),
                address_space=self.base_vsz + int(request["memory_mib"]) * 1024 * 1024,
            )
        except BaseException as exc:
            os.write(2, f"sandbox setup failed: {exc}\n".encode())
            return 70
        layers = frozenset(request.get("layers", child.LAYERS))
        return child.run(
            request["source"], request["mode"], layers, 3, workdir, self.read_roots, self.proxies
        )

    def read_report(self, run: Run) -> None:
        try:
            chunk = os.read(run.report_fd, 65536)
        except BlockingIOError:
            return
        if not chunk:
            self.selector.unregister(run.report_fd)
            os.close(run.report_fd)
            run.report_fd = -1
            return
        if len(run.report) < REPORT_CAP:
            run.report += chunk[: REPORT_CAP - len(run.report)]

    def reap(self) -> None:
        while True:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            self.spare_pids.discard(pid)
            for slot, spare in list(self.spares.items()):
                if spare[0] == pid:  # a spare died before its run: drop it
                    del self.spares[slot]
                    spare[1].close()
                    os.close(spare[2])
            run = self.runs.pop(pid, None)
            if run is not None:
                self.finish(run, status, usage)

    def finish(self, run: Run, status: int, usage: resource.struct_rusage) -> None:
        wall_ms = int((time.monotonic() - run.started) * 1000)
        _kill_group(run.pid)
        if run.report_fd >= 0:
            while run.report_fd >= 0:
                try:
                    self.read_report(run)
                except OSError:
                    break
                if run.report_fd >= 0 and not _readable(run.report_fd):
                    self.selector.unregister(run.report_fd)
                    os.close(run.report_fd)
                    run.report_fd = -1
        self.clean(int(run.request["slot"]))
        try:
            report = json.loads(run.report) if run.report else None
        except ValueError:
            report = None
        event = {
            "event": "done",
            "id": run.request["id"],
            "returncode": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
            "cpu_ms": int((usage.ru_utime + usage.ru_stime) * 1000),
            "wall_ms": wall_ms,
            "timed_out": run.timed_out,
            "report": report,
        }
        self.emit(event)
        slot = int(run.request["slot"])
        if not self.closing and slot not in self.spares:
            self.fork_spare(slot)

    def clean(self, slot: int) -> None:
        path = jail.slot_dir(self.run_root, slot)
        try:
            entries = list(os.scandir(path))
        except OSError:
            return
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    os.unlink(entry.path)
            except OSError:
                pass

    def enforce_deadlines(self) -> None:
        now = time.monotonic()
        for run in self.runs.values():
            if not run.timed_out and now >= run.deadline:
                run.timed_out = True
                _kill_group(run.pid)

    def emit(self, event: dict) -> None:
        data = (json.dumps(event) + "\n").encode()
        while data:
            written = os.write(self.events_fd, data)
            data = data[written:]

    def shutdown(self) -> None:
        self.closing = True
        for pid in list(self.spare_pids):
            _kill_group(pid)
        for pid in list(self.runs):
            _kill_group(pid)
        for pid in [*self.runs, *self.spare_pids]:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        if not self.isolated:
            shutil.rmtree(self.run_root, ignore_errors=True)


def _receive_request(channel: socket.socket) -> tuple[dict, int]:
    fds = array.array("i")
    data, ancdata, _flags, _addr = channel.recvmsg(1 << 20, socket.CMSG_SPACE(fds.itemsize))
    for level, kind, payload in ancdata:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(payload[: len(payload) - len(payload) % fds.itemsize])
    if not data or not fds:
        raise ConnectionError("no request")
    return json.loads(data), fds[0]


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _readable(fd: int) -> bool:
    import select

    ready, _, _ = select.select([fd], [], [], 0)
    return bool(ready)


def _vsz() -> int:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")


def _no_network() -> bool:
    try:
        names = [name for _, name in socket.if_nameindex()]
    except OSError:
        return False
    return names in ([], ["lo"])


def _probe(function) -> bool:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - probe child
        try:
            function()
            os._exit(0)
        except BaseException:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def _prime_caches() -> None:
    """Do now, once, what would otherwise read files inside the jail later."""
    time.localtime()
    time.strptime("2024", "%Y")
    # Source lines for the stdlib frames asyncio's own log messages show (the
    # jailed child cannot read the stdlib directory itself).
    for name, module in list(sys.modules.items()):
        filename = getattr(module, "__file__", None)
        if name.split(".")[0] in _CACHED_SOURCES and filename and filename.endswith(".py"):
            linecache.getline(filename, 1)


def main(config_json: str) -> None:
    config = json.loads(config_json)
    worker = Worker(config)
    info = worker.prepare()
    for slot in range(worker.slots):
        worker.fork_spare(slot)
    worker.emit({"event": "ready", "isolation": info, "pid": os.getpid()})
    worker.serve()
