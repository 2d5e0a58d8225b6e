"""Layer 3: a PEP 578 audit hook armed in the child just before the snippet runs.

It refuses process creation, network sockets (asyncio's AF_UNIX self-pipe
socketpair stays allowed), ctypes, tracing, garbage-collector walks, new
imports, swapping a function's code, and file access outside the run
directory (plus read-only access to the few files Python itself reads: the
stdlib for tracebacks, time zone data, /dev/null and /dev/urandom).

Once armed, nothing in the child can change what it denies. A hook cannot be
removed (PEP 578), and this one holds all its state in closure cells of
functions nothing else references, reads no module globals or builtins (every
callable it uses was bound when it was built), and calls only C functions on
exact `str`/`bytes`/`int` values, so no snippet code runs while it decides
(no `__fspath__`, `__eq__` or `__hash__` of a user object) and no frame of it
is ever reachable. Frame reads are not refused: asyncio and logging read
frames in normal operation; layer 1 keeps frames from snippets.
"""

from __future__ import annotations

import os
import posix
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
        # 3.12+ (PEP 669): the other way to trace, a callback on every call,
        # line, return... of all code.
        "sys.monitoring.register_callback",
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

# Events about paths: each string argument must be inside the run directory, and
# the positions that hold a dir_fd must be empty (a relative path would otherwise
# be resolved against a directory the hook cannot see).
PATH_EVENTS = {
    "os.listdir": (),
    "os.scandir": (),
    "os.chdir": (),
    "os.chmod": (2,),
    "os.mkdir": (2,),
    "os.remove": (1,),
    "os.rename": (2, 3),
    "os.replace": (2, 3),
    "os.rmdir": (1,),
    "os.symlink": (2,),
    "os.link": (2, 3),
    "os.truncate": (),
    "os.utime": (3,),
    "shutil.rmtree": (1,),
    "shutil.copyfile": (),
    "shutil.copymode": (),
    "shutil.copystat": (),
    "shutil.move": (),
    "os.mkfifo": (2,),
    "os.mknod": (3,),
}
# Attributes nothing in a run needs to replace: it would swap a function's code.
# (`__defaults__` stays settable: namedtuple sets it on the classes it makes.)
FROZEN_ATTRIBUTES = frozenset({"__code__"})

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_S_IFMT, _S_IFLNK, _S_IFDIR = 0o170000, 0o120000, 0o040000


class AuditDenied(PermissionError):
    pass


def build_hook(workdir: str, read_roots: tuple[str, ...]):
    """The hook function. Every name it uses is a closure cell bound right here."""
    write_roots = (posix.fspath(os.path.realpath(workdir)),)
    readable = write_roots + tuple(os.path.realpath(root) for root in read_roots)
    denied, path_events, frozen = DENIED_EVENTS, PATH_EVENTS, FROZEN_ATTRIBUTES
    write_flags, af_unix = _WRITE_FLAGS, socket.AF_UNIX
    modules = sys.modules
    getcwd, lstat, stat, readlink = posix.getcwd, posix.lstat, posix.stat, posix.readlink
    str_type, bytes_type, int_type, tuple_type, none = str, bytes, int, tuple, None
    plain = (type(None), int, bool, float, tuple)  # fds, modes, flags, times
    denial, typeof, length, isinstance_ = AuditDenied, type, len, isinstance
    starts = str.startswith
    split, join, decode, bytes_join = str.split, str.join, bytes.decode, bytes.join
    text_modes = "wax+"
    any_, os_error = any, OSError
    file_type, link_type, directory_type = _S_IFMT, _S_IFLNK, _S_IFDIR

    def text(path):
        """An exact str for a str or bytes path (subclasses copied by C code, which
        calls none of their methods), or None for anything else (a PathLike
        object, a bytearray: what they mean cannot be told without running them)."""
        if isinstance_(path, str_type):
            return path if typeof(path) is str_type else join("", [path])
        if isinstance_(path, bytes_type):
            return decode(bytes_join(b"", [path]), "utf-8", "surrogateescape")
        return none

    def resolve(path):
        """The absolute, symlink-free form of `path` (a mini realpath built only
        from C calls), or None if it cannot be told."""
        if not starts(path, "/"):
            path = getcwd() + "/" + path
        pending = split(path, "/")
        pending.reverse()
        done = []
        hops = 0
        while pending:
            part = pending.pop()
            if part == "" or part == ".":
                continue
            if part == "..":
                if done:
                    done.pop()
                continue
            current = "/" + join("/", done + [part])
            try:
                mode = lstat(current).st_mode
            except os_error:
                done.append(part)  # does not exist (yet): nothing to follow
                continue
            if mode & file_type == link_type:
                hops += 1
                if hops > 40:
                    return none
                target = readlink(current)
                if starts(target, "/"):
                    done = []
                more = split(target, "/")
                more.reverse()
                pending.extend(more)
            else:
                done.append(part)
        return "/" + join("/", done)

    def inside(path, roots):
        real = resolve(path)
        if real is none:
            return False
        for root in roots:
            if real == root or starts(real, root + "/"):
                return True
        return False

    def hook(event, args):
        if event in denied or starts(event, ("ctypes.", "winreg.", "_winapi.")):
            raise denial(event + " is not allowed in the sandbox")
        if event == "open":
            path, mode, flags = args[0], args[1], args[2]
            if typeof(path) is int_type:
                return  # an already open descriptor: nothing new is reached
            name = text(path)
            if name is none or ".." in split(name, "/") and not starts(name, "/"):
                raise denial("opening that path is not allowed in the sandbox")
            writing = (typeof(mode) is str_type and any_(c in mode for c in text_modes)) or (
                typeof(flags) is int_type and flags & write_flags
            )
            if not inside(name, write_roots):
                if writing or not inside(name, readable):
                    raise denial("opening " + name + " is not allowed in the sandbox")
                try:
                    is_directory = stat(name).st_mode & file_type == directory_type
                except os_error:
                    is_directory = False
                if is_directory:
                    raise denial("opening a directory outside the run is not allowed")
        elif event == "socket.__new__":
            if args[1] != af_unix:
                raise denial("network sockets are not allowed in the sandbox")
        elif event == "import":
            name = args[0]
            if typeof(name) is not str_type or (
                name not in modules and not starts(name, "encodings.")
            ):
                raise denial("importing that module is not allowed in the sandbox")
        elif event == "object.__setattr__":
            if length(args) > 1 and typeof(args[1]) is str_type and args[1] in frozen:
                raise denial("replacing " + args[1] + " is not allowed in the sandbox")
        elif event in path_events:
            for index in path_events[event]:
                if length(args) > index and args[index] is not none:
                    raise denial(event + " with dir_fd is not allowed in the sandbox")
            for value in args if typeof(args) is tuple_type else ():
                if typeof(value) in plain:
                    continue
                name = text(value)
                if name is none or not inside(name, write_roots):
                    raise denial(event + " outside the run directory is not allowed")

    return hook


def install(workdir: str, read_roots: tuple[str, ...]) -> None:
    """Arm the hook. `workdir` may be read and written; `read_roots` only read."""
    sys.addaudithook(build_hook(workdir, read_roots))
