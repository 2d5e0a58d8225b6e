"""Layer 4, the inner jail: what the worker does once per run (a fresh tmpfs) and
what each child does to itself before it runs anything: rlimits, its cell's
unprivileged uid, no_new_privs, not dumpable, Landlock. (The outer jail is
boundary.py, the seccomp filter seccomp.py.)

Everything here is Linux specific and uses only ctypes.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import socket
import struct

_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_NO_NEW_PRIVS = 38

MS_NOSUID, MS_NODEV, MS_NOEXEC = 2, 4, 8
MNT_DETACH = 2

# x86_64 syscall numbers.
SYS_LANDLOCK_CREATE_RULESET = 444
SYS_LANDLOCK_ADD_RULE = 445
SYS_LANDLOCK_RESTRICT_SELF = 446


class JailError(OSError):
    pass


def _check(result: int, what: str) -> int:
    if result < 0:
        code = ctypes.get_errno()
        raise JailError(code, f"{what}: {os.strerror(code)}")
    return result


def _prctl(option: int, arg2: int = 0) -> None:
    _check(_libc.prctl(option, ctypes.c_ulong(arg2), 0, 0, 0), f"prctl({option})")


# -- worker side: as root inside the outer jail ----------------------------------


def mount_tmpfs(target: str, options: str, flags: int = MS_NOSUID | MS_NODEV | MS_NOEXEC) -> None:
    _check(
        _libc.mount(b"tmpfs", target.encode(), b"tmpfs", ctypes.c_ulong(flags), options.encode()),
        f"mount {target}",
    )


def fresh_tmpfs(path: str, uid: int, size: int) -> None:
    """Replace whatever is mounted at `path` with a new, empty tmpfs owned by `uid`:
    nothing a run wrote survives it, and the old one is freed lazily by the kernel."""
    _libc.umount2(path.encode(), MNT_DETACH)  # nothing mounted yet is fine
    mount_tmpfs(path, f"size={size},nr_inodes=256,mode=0700,uid={uid},gid={uid}")


# -- child side: every run -------------------------------------------------------


def set_rlimits(
    *, cpu_seconds: int, address_space: int | None, processes: int, fsize: int, nofile: int
) -> None:
    """Hard limits equal to soft ones: a snippet can neither raise a limit back nor
    catch a soft-limit signal. `address_space` None leaves memory to the cgroup."""
    limits = {
        resource.RLIMIT_CPU: cpu_seconds,
        resource.RLIMIT_AS: resource.RLIM_INFINITY if address_space is None else address_space,
        resource.RLIMIT_NPROC: processes,
        resource.RLIMIT_FSIZE: fsize,
        resource.RLIMIT_NOFILE: nofile,
        resource.RLIMIT_CORE: 0,
        resource.RLIMIT_MEMLOCK: 0,
        resource.RLIMIT_MSGQUEUE: 0,
    }
    for which, value in limits.items():
        resource.setrlimit(which, (value, value))


def lower_cpu_limit(cpu_seconds: int) -> None:
    """Tighten the CPU limit to one request's value (lowering needs no privilege)."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    value = cpu_seconds if hard == resource.RLIM_INFINITY else min(cpu_seconds, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (value, value))


def drop_privileges(uid: int) -> None:
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)


def harden_process() -> None:
    """No core dumps or /proc/<pid>/mem for others; die with the worker; no setuid gain."""
    _prctl(PR_SET_DUMPABLE, 0)
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    _prctl(PR_SET_NO_NEW_PRIVS, 1)


# Landlock ------------------------------------------------------------------------

_FS_EXECUTE = 1 << 0
_FS_WRITE_FILE = 1 << 1
_FS_READ_FILE = 1 << 2
_FS_READ_DIR = 1 << 3
_FS_ALL_ABI1 = (1 << 13) - 1
_FS_REFER = 1 << 13
_FS_TRUNCATE = 1 << 14
_NET_ALL = (1 << 0) | (1 << 1)
_SCOPE_ALL = (1 << 0) | (1 << 1)


def landlock_abi() -> int:
    result = _libc.syscall(SYS_LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0), 1)
    return int(result) if result > 0 else 0


def landlock(abi: int, writable: str, readable: tuple[str, ...]) -> None:
    """Allow read/execute under `readable`, everything under `writable`, nothing else;
    with ABI >= 4 deny all TCP bind/connect, with ABI >= 6 deny signals and abstract
    unix sockets that leave the sandbox."""
    fs_all = _FS_ALL_ABI1
    if abi >= 2:
        fs_all |= _FS_REFER
    if abi >= 3:
        fs_all |= _FS_TRUNCATE
    net = _NET_ALL if abi >= 4 else 0
    scoped = _SCOPE_ALL if abi >= 6 else 0
    if abi >= 6:
        attr = struct.pack("QQQ", fs_all, net, scoped)
    elif abi >= 4:
        attr = struct.pack("QQ", fs_all, net)
    else:
        attr = struct.pack("Q", fs_all)
    buffer = ctypes.create_string_buffer(attr, len(attr))
    ruleset = _check(
        _libc.syscall(SYS_LANDLOCK_CREATE_RULESET, buffer, ctypes.c_size_t(len(attr)), 0),
        "landlock_create_ruleset",
    )
    try:
        read = _FS_EXECUTE | _FS_READ_FILE | _FS_READ_DIR
        for path, access in [(p, read) for p in readable] + [(writable, fs_all)]:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                if not os.path.isdir(path):
                    access &= _FS_EXECUTE | _FS_WRITE_FILE | _FS_READ_FILE | _FS_TRUNCATE
                rule = ctypes.create_string_buffer(struct.pack("=Qi", access, fd), 12)
                _check(
                    _libc.syscall(SYS_LANDLOCK_ADD_RULE, ruleset, 1, rule, 0), "landlock_add_rule"
                )
            finally:
                os.close(fd)
        _check(_libc.syscall(SYS_LANDLOCK_RESTRICT_SELF, ruleset, 0), "landlock_restrict_self")
    finally:
        os.close(ruleset)


def set_malloc_arenas(count: int) -> None:
    """Fewer glibc arenas keeps per-thread address-space reservations under RLIMIT_AS."""
    try:
        _libc.mallopt(-8, count)  # M_ARENA_MAX
    except AttributeError:
        pass


def address_space_size() -> int:
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[0])
    except OSError:
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def no_network() -> bool:
    try:
        names = [name for _, name in socket.if_nameindex()]
    except OSError:
        return False
    return names in ([], ["lo"])


def works_in_a_child(function) -> bool:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - probe child
        try:
            function()
            os._exit(0)
        except BaseException:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
