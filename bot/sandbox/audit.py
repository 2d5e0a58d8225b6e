"""Layer 3: a PEP 578 audit hook armed in the child just before the snippet runs.

It cannot be removed once added. It refuses process creation, network sockets
(asyncio's AF_UNIX self-pipe socketpair stays allowed), ctypes, tracing,
garbage-collector walks, new imports, and file access outside the run directory
(plus read-only access to the few files Python itself may read: the stdlib
sources for tracebacks, time zone data, /dev/null and /dev/urandom).

Frame reads are not refused here: asyncio (task reprs) and logging read frames
in normal operation. Frames are kept from snippets by layer 1; this layer denies
what a frame could be used for.
"""

from __future__ import annotations

import os
import socket
import sys

DENIED_EVENTS = frozenset(
    {
        "os.system",
        "os.exec",
        "os.posix_spawn",
        "os.spawn",
        "os.fork",
        "os.forkpty",
        "os.kill",
        "os.killpg",
        "subprocess.Popen",
        "pty.spawn",
        "socket.connect",
        "socket.bind",
        "socket.sendto",
        "socket.sendmsg",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
        "socket.gethostname",
        "socket.sethostname",
        "sys.settrace",
        "sys.setprofile",
        "sys._current_frames",
        "sys.setrecursionlimit",
        "gc.get_objects",
        "gc.get_referrers",
        "gc.get_referents",
        "code.__new__",
        "function.__new__",
        "marshal.loads",
        "marshal.load",
        "pickle.find_class",
        "resource.setrlimit",
        "resource.prlimit",
        "fcntl.ioctl",
        "mmap.__new__",
        "syslog.openlog",
        "syslog.syslog",
        "os.chroot",
        "os.setxattr",
        "os.removexattr",
        "webbrowser.open",
        "urllib.Request",
        "ftplib.connect",
        "smtplib.connect",
        "http.client.connect",
        "sqlite3.connect",
        "shutil.chown",
        "os.chown",
    }
)

# Events about paths: allowed only inside the run directory.
PATH_EVENTS = frozenset(
    {
        "os.listdir",
        "os.scandir",
        "os.chdir",
        "os.chmod",
        "os.mkdir",
        "os.remove",
        "os.rename",
        "os.rmdir",
        "os.symlink",
        "os.link",
        "os.truncate",
        "os.utime",
        "shutil.rmtree",
        "shutil.copyfile",
        "shutil.move",
        "os.mkfifo",
        "os.mknod",
    }
)

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class AuditDenied(PermissionError):
    pass


def _inside(path, roots: tuple[str, ...]) -> bool:
    if isinstance(path, int):
        return True  # an already open descriptor: nothing new is reached
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, str):
        return False
    real = os.path.realpath(path)
    return any(real == root or real.startswith(root + os.sep) for root in roots)


def install(workdir: str, read_roots: tuple[str, ...]) -> None:
    """Arm the hook. `workdir` may be read and written; `read_roots` only read."""
    write_roots = (os.path.realpath(workdir),)
    readable = write_roots + tuple(os.path.realpath(root) for root in read_roots)
    allowed_imports_prefix = ("encodings.",)
    af_unix = socket.AF_UNIX

    def hook(event: str, args: tuple) -> None:
        if event in DENIED_EVENTS or event.startswith(("ctypes.", "winreg.", "_winapi.")):
            raise AuditDenied(f"{event} is not allowed in the sandbox")
        if event == "open":
            path, mode, flags = args
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & _WRITE_FLAGS
            )
            if not _inside(path, write_roots if writing else readable):
                raise AuditDenied(f"opening {path!r} is not allowed in the sandbox")
        elif event == "socket.__new__":
            if args[1] != af_unix:
                raise AuditDenied("network sockets are not allowed in the sandbox")
        elif event == "import":
            name = args[0]
            if name not in sys.modules and not name.startswith(allowed_imports_prefix):
                raise AuditDenied(f"importing {name!r} is not allowed in the sandbox")
        elif event in PATH_EVENTS:
            for path in args:
                if isinstance(path, (str, bytes)) and not _inside(path, write_roots):
                    raise AuditDenied(f"{event} outside the run directory is not allowed")

    sys.addaudithook(hook)
