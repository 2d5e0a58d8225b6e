"""What a spare child does, in order: jail itself, prepare what does not depend
on the snippet, wait for its order on idle CPU, then run the snippet.

It starts as a fork of the worker (root, five capabilities, the worker's
descriptors) and gives all of that up before it touches any run's data: the
request memfd is read only after every layer of the jail is in place.
"""

from __future__ import annotations

import math
import os
import resource
import signal
import socket
from typing import TYPE_CHECKING

from . import child, jail, protocol, seccomp

if TYPE_CHECKING:
    from .worker import Worker

# With a pids cgroup counting threads, RLIMIT_NPROC (per uid, host-wide) is only a backstop.
NPROC_BACKSTOP = 1024


def become_spare(worker: Worker, cell: int, channel: socket.socket) -> int:
    """Returns the exit status the child ends with."""
    config = worker.config
    workdir = worker.cell_dir(cell)
    try:
        # Preparing a spare must not slow down the runs in progress: it runs
        # only on otherwise idle CPU until its order arrives.
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
        os.setsid()
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.dup2(os.open("/dev/null", os.O_RDONLY), 0)
        os.dup2(channel.detach(), 3)
        os.closerange(4, 65536)
        channel = socket.socket(fileno=3)
        if worker.cgroups:
            worker.cgroups[cell].join()
        jail.set_rlimits(
            cpu_seconds=int(config["cpu_seconds"]),
            address_space=None if worker.cgroups else worker.base_vsz + int(config["memory_bytes"]),
            processes=NPROC_BACKSTOP if worker.cgroups else int(config["threads"]),
            fsize=int(config["disk_bytes"]),
            nofile=int(config["open_files"]),
        )
        if worker.isolated:
            jail.drop_privileges(worker.uid(cell))
        os.chdir(workdir)  # the cell's tmpfs is its uid's alone (mode 0700)
        jail.harden_process()
        if worker.landlock_abi:
            jail.landlock(worker.landlock_abi, workdir, worker.read_roots)
        if worker.filter:
            seccomp.install(worker.filter)
        layers = frozenset(config["layers"])
        prepared = child.Prepared(layers, worker.proxies, workdir, worker.read_roots)
        data, fds = protocol.receive_with_fds(channel)
        channel.close()
        order = protocol.Order.decode(data)
        request_fd, out_fd, report_fd = fds
        os.dup2(out_fd, 1)
        os.dup2(out_fd, 2)
        os.dup2(report_fd, 3)
        for fd in (out_fd, report_fd):
            os.close(fd)
        request = protocol.Request.from_fd(request_fd)
        os.close(request_fd)
        used = resource.getrusage(resource.RUSAGE_SELF)
        spent = used.ru_utime + used.ru_stime  # the preparation's share, usually ms
        jail.lower_cpu_limit(max(math.ceil(spent), int(spent + order.cpu)))
    except BaseException as exc:
        os.write(2, f"sandbox setup failed: {exc}\n".encode())
        return protocol.SETUP_FAILED
    return child.run(prepared, request, 3)
