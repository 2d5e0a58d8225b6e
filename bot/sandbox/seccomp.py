"""The children's seccomp filter: an allowlist of the system calls CPython, asyncio
and threads use (x86_64). Everything else fails with EPERM; a few calls are
allowed only with harmless arguments.

Not on the list on purpose: creating processes (fork, vfork, execve, clone
without CLONE_THREAD), network sockets and every socket call that reaches
another process (socket, connect, bind, listen, accept), SysV and POSIX IPC
(shm*, sem*, msg*, mq_*), namespaces and mounts, ptrace and process_vm_*,
keys, bpf, perf, io_uring, userfaultfd, memfd_create, uid/gid changes,
setsid/setpgid (a run must stay in the process group the deadline kills), and
prctl beyond thread names (PR_SET_DUMPABLE would expose the child's memory).
"""

from __future__ import annotations

import ctypes
import errno
import os
import struct

_libc = ctypes.CDLL(None, use_errno=True)

PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
AUDIT_ARCH_X86_64 = 0xC000003E
RET_KILL_PROCESS = 0x80000000
RET_ALLOW = 0x7FFF0000
RET_ERRNO = 0x00050000
CLONE_THREAD = 0x00010000
CLONE_NAMESPACES = 0x20000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000
CLONE_NAMESPACES |= 0x40000000 | 0x80
AF_UNIX = 1

# fmt: off
ALLOWED = {
    0: "read", 1: "write", 2: "open", 3: "close", 4: "stat", 5: "fstat", 6: "lstat",
    7: "poll", 8: "lseek", 9: "mmap", 10: "mprotect", 11: "munmap", 12: "brk",
    13: "rt_sigaction", 14: "rt_sigprocmask", 15: "rt_sigreturn", 17: "pread64",
    18: "pwrite64", 19: "readv", 20: "writev", 21: "access", 22: "pipe", 23: "select",
    24: "sched_yield", 25: "mremap", 26: "msync", 27: "mincore", 28: "madvise", 32: "dup",
    33: "dup2", 34: "pause", 35: "nanosleep", 36: "getitimer", 37: "alarm", 38: "setitimer",
    39: "getpid", 40: "sendfile", 44: "sendto", 45: "recvfrom", 46: "sendmsg", 47: "recvmsg",
    48: "shutdown", 51: "getsockname", 52: "getpeername", 54: "setsockopt", 55: "getsockopt",
    60: "exit", 61: "wait4", 62: "kill", 63: "uname", 72: "fcntl", 73: "flock", 74: "fsync",
    75: "fdatasync", 76: "truncate", 77: "ftruncate", 78: "getdents", 79: "getcwd",
    80: "chdir", 81: "fchdir", 82: "rename", 83: "mkdir", 84: "rmdir", 85: "creat",
    86: "link", 87: "unlink", 88: "symlink", 89: "readlink", 90: "chmod", 91: "fchmod",
    95: "umask", 96: "gettimeofday", 97: "getrlimit", 98: "getrusage", 99: "sysinfo",
    100: "times", 102: "getuid", 104: "getgid", 107: "geteuid", 108: "getegid",
    110: "getppid", 111: "getpgrp", 115: "getgroups", 118: "getresuid", 120: "getresgid",
    121: "getpgid", 124: "getsid", 125: "capget", 127: "rt_sigpending",
    128: "rt_sigtimedwait", 130: "rt_sigsuspend", 131: "sigaltstack", 132: "utime",
    137: "statfs", 138: "fstatfs", 140: "getpriority", 143: "sched_getparam",
    145: "sched_getscheduler", 146: "sched_get_priority_max", 147: "sched_get_priority_min",
    148: "sched_rr_get_interval", 158: "arch_prctl", 160: "setrlimit", 186: "gettid",
    187: "readahead", 200: "tkill", 201: "time", 202: "futex", 204: "sched_getaffinity",
    213: "epoll_create", 217: "getdents64", 218: "set_tid_address", 219: "restart_syscall",
    221: "fadvise64", 222: "timer_create", 223: "timer_settime", 224: "timer_gettime",
    225: "timer_getoverrun", 226: "timer_delete", 228: "clock_gettime", 229: "clock_getres",
    230: "clock_nanosleep", 231: "exit_group", 232: "epoll_wait", 233: "epoll_ctl",
    234: "tgkill", 235: "utimes", 247: "waitid", 257: "openat", 258: "mkdirat",
    261: "futimesat", 262: "newfstatat", 263: "unlinkat", 264: "renameat", 265: "linkat",
    266: "symlinkat", 267: "readlinkat", 268: "fchmodat", 269: "faccessat", 270: "pselect6",
    271: "ppoll", 273: "set_robust_list", 274: "get_robust_list", 280: "utimensat",
    281: "epoll_pwait", 284: "eventfd", 285: "fallocate", 290: "eventfd2",
    291: "epoll_create1", 292: "dup3", 293: "pipe2", 295: "preadv", 296: "pwritev",
    299: "recvmmsg", 302: "prlimit64", 307: "sendmmsg", 309: "getcpu", 315: "sched_getattr",
    316: "renameat2", 318: "getrandom", 324: "membarrier", 326: "copy_file_range",
    327: "preadv2", 328: "pwritev2", 332: "statx", 334: "rseq", 436: "close_range",
    439: "faccessat2", 441: "epoll_pwait2", 449: "futex_waitv", 452: "fchmodat2",
    453: "map_shadow_stack", 454: "futex_wake", 455: "futex_wait", 456: "futex_requeue",
    462: "mseal",
}
# fmt: on
SYS_IOCTL, SYS_SOCKETPAIR, SYS_CLONE, SYS_PRCTL, SYS_CLONE3 = 16, 53, 56, 157, 435
# TCGETS (isatty), TIOCGWINSZ, FIONREAD, FIONBIO, FIONCLEX, FIOCLEX.
IOCTLS = (0x5401, 0x5413, 0x541B, 0x5421, 0x5450, 0x5451)
# PR_GET_DUMPABLE, PR_SET_NAME, PR_GET_NAME, PR_GET_SECCOMP, PR_GET_NO_NEW_PRIVS.
PRCTLS = (3, 15, 16, 21, 39)

_LD_W_ABS, _JEQ_K, _JSET_K, _RET_K = 0x20, 0x15, 0x45, 0x06
_NR, _ARCH, _ARG0, _ARG1 = 0, 4, 16, 24


def _op(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


def _one_of(number: int, offset: int, values: tuple[int, ...]) -> list[bytes]:
    """If the syscall is `number`: allow when the argument word at `offset` is one of
    `values`, deny otherwise. Falls through for other syscalls."""
    deny = RET_ERRNO | errno.EPERM
    body = [_op(_LD_W_ABS, 0, 0, offset)]
    for index, value in enumerate(values):
        body.append(_op(_JEQ_K, len(values) - index, 0, value))
    body += [_op(_RET_K, 0, 0, deny), _op(_RET_K, 0, 0, RET_ALLOW)]
    return [_op(_JEQ_K, 0, len(body), number), *body]


def program() -> bytes:
    deny = RET_ERRNO | errno.EPERM
    prog = [
        _op(_LD_W_ABS, 0, 0, _ARCH),
        _op(_JEQ_K, 1, 0, AUDIT_ARCH_X86_64),
        _op(_RET_K, 0, 0, RET_KILL_PROCESS),
        _op(_LD_W_ABS, 0, 0, _NR),
    ]
    for number in sorted(ALLOWED):
        prog.append(_op(_JEQ_K, 0, 1, number))
        prog.append(_op(_RET_K, 0, 0, RET_ALLOW))
    # clone3 keeps its flags in memory, out of the filter's sight: ENOSYS makes
    # glibc fall back to clone, whose flags we can check.
    prog += [_op(_JEQ_K, 0, 1, SYS_CLONE3), _op(_RET_K, 0, 0, RET_ERRNO | errno.ENOSYS)]
    # clone: a thread (CLONE_THREAD) and no new namespace.
    prog += [
        _op(_JEQ_K, 0, 5, SYS_CLONE),
        _op(_LD_W_ABS, 0, 0, _ARG0),
        _op(_JSET_K, 2, 0, CLONE_NAMESPACES),
        _op(_JSET_K, 0, 1, CLONE_THREAD),
        _op(_RET_K, 0, 0, RET_ALLOW),
        _op(_RET_K, 0, 0, deny),
    ]
    prog += _one_of(SYS_SOCKETPAIR, _ARG0, (AF_UNIX,))
    prog += _one_of(SYS_IOCTL, _ARG1, IOCTLS)
    prog += _one_of(SYS_PRCTL, _ARG0, PRCTLS)
    prog.append(_op(_RET_K, 0, 0, deny))
    return b"".join(prog)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def available() -> bool:
    return os.uname().machine == "x86_64"


def install(code: bytes) -> None:
    """Load the filter into the calling thread (needs no_new_privs set first)."""
    buffer = ctypes.create_string_buffer(code, len(code))
    prog = _SockFprog(len(code) // 8, ctypes.addressof(buffer))
    if _libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        number = ctypes.get_errno()
        raise OSError(number, f"seccomp: {os.strerror(number)}")
