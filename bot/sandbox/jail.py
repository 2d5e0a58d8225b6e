"""Layer 4, the process jail: namespaces (set up once by the warm worker), and per
child rlimits, an unprivileged uid, Landlock and a seccomp filter.

Everything here is Linux specific and uses only ctypes; each piece reports
whether it worked so the sandbox can say which layers are missing.
"""

from __future__ import annotations

import ctypes
import errno
import os
import resource
import signal
import struct

_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_SECCOMP = 22
PR_SET_NO_NEW_PRIVS = 38
SECCOMP_MODE_FILTER = 2

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8

# x86_64 syscall numbers.
SYS_LANDLOCK_CREATE_RULESET = 444
SYS_LANDLOCK_ADD_RULE = 445
SYS_LANDLOCK_RESTRICT_SELF = 446
BASE_UID = 61000


class JailError(OSError):
    pass


def _check(result: int, what: str) -> int:
    if result < 0:
        code = ctypes.get_errno()
        raise JailError(code, f"{what}: {os.strerror(code)}")
    return result


def _prctl(option: int, arg2: int = 0) -> None:
    _check(_libc.prctl(option, ctypes.c_ulong(arg2), 0, 0, 0), f"prctl({option})")


# -- worker side: once, as root inside fresh namespaces --------------------------


def mount_tmpfs(target: str, options: str, flags: int = MS_NOSUID | MS_NODEV | MS_NOEXEC) -> None:
    _check(
        _libc.mount(b"tmpfs", target.encode(), b"tmpfs", ctypes.c_ulong(flags), options.encode()),
        f"mount {target}",
    )


def setup_mounts(run_root: str, slots: int, disk_bytes: int) -> None:
    """Inside the worker's private mount namespace: hide the world-writable places
    behind empty read-only tmpfs mounts and give each slot its own small tmpfs."""
    for place in ("/var/tmp", "/dev/shm", "/run/lock"):
        if os.path.isdir(place):
            mount_tmpfs(place, "size=4k,mode=0755", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY)
    mount_tmpfs(run_root, "size=64k,mode=0755")
    for slot in range(slots):
        path = slot_dir(run_root, slot)
        os.mkdir(path, 0o700)
        uid = BASE_UID + slot
        mount_tmpfs(path, f"size={disk_bytes},nr_inodes=256,mode=0700,uid={uid},gid={uid}")


def slot_dir(run_root: str, slot: int) -> str:
    return os.path.join(run_root, f"slot{slot}")


# -- child side: every run -------------------------------------------------------


def set_rlimits(cpu_seconds: int, address_space: int, threads: int, fsize: int, nofile: int):
    limits = {
        resource.RLIMIT_CPU: cpu_seconds,
        resource.RLIMIT_AS: address_space,
        resource.RLIMIT_NPROC: threads,
        resource.RLIMIT_FSIZE: fsize,
        resource.RLIMIT_NOFILE: nofile,
        resource.RLIMIT_CORE: 0,
        resource.RLIMIT_MEMLOCK: 0,
        resource.RLIMIT_MSGQUEUE: 0,
    }
    for which, value in limits.items():
        # hard == soft: a snippet cannot raise a limit back, nor catch a soft signal.
        resource.setrlimit(which, (value, value))


def lower_limits(cpu_seconds: int, address_space: int) -> None:
    """Tighten CPU and memory to one request's values (lowering needs no privilege)."""
    for which, value in ((resource.RLIMIT_CPU, cpu_seconds), (resource.RLIMIT_AS, address_space)):
        _soft, hard = resource.getrlimit(which)
        value = min(value, hard)
        resource.setrlimit(which, (value, value))


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


# seccomp -------------------------------------------------------------------------

_AUDIT_ARCH_X86_64 = 0xC000003E
_RET_KILL_PROCESS = 0x80000000
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_CLONE_THREAD = 0x00010000
_AF_UNIX = 1

# Refused outright: every way to start a program or a process, and kernel
# interfaces a snippet never needs.
_DENIED_SYSCALLS = (
    57,  # fork
    58,  # vfork
    59,  # execve
    322,  # execveat
    101,  # ptrace
    310,  # process_vm_readv
    311,  # process_vm_writev
    165,  # mount
    166,  # umount2
    155,  # pivot_root
    161,  # chroot
    272,  # unshare
    308,  # setns
    248,  # add_key
    249,  # request_key
    250,  # keyctl
    321,  # bpf
    298,  # perf_event_open
    323,  # userfaultfd
    425,  # io_uring_setup
    426,  # io_uring_enter
    427,  # io_uring_register
    246,  # kexec_load
    175,  # init_module
    313,  # finit_module
    176,  # delete_module
    169,  # reboot
    135,  # personality
    303,  # name_to_handle_at
    304,  # open_by_handle_at
)
_SYS_CLONE, _SYS_CLONE3, _SYS_SOCKET, _SYS_SOCKETPAIR = 56, 435, 41, 53


def _bpf(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


def _seccomp_program() -> list[bytes]:
    ld_w_abs, jeq_k, jge_k, jset_k, ret_k = 0x20, 0x15, 0x35, 0x45, 0x06
    deny = _RET_ERRNO | errno.EPERM
    prog = [
        _bpf(ld_w_abs, 0, 0, 4),  # arch
        _bpf(jeq_k, 1, 0, _AUDIT_ARCH_X86_64),
        _bpf(ret_k, 0, 0, _RET_KILL_PROCESS),
        _bpf(ld_w_abs, 0, 0, 0),  # syscall number
        _bpf(jge_k, 0, 1, 0x40000000),  # x32 ABI
        _bpf(ret_k, 0, 0, deny),
    ]
    for number in _DENIED_SYSCALLS:
        prog += [_bpf(jeq_k, 0, 1, number), _bpf(ret_k, 0, 0, deny)]
    # clone3 cannot be inspected (its flags live in memory): ENOSYS makes glibc use clone.
    prog += [_bpf(jeq_k, 0, 1, _SYS_CLONE3), _bpf(ret_k, 0, 0, _RET_ERRNO | errno.ENOSYS)]
    # clone: threads only.
    prog += [
        _bpf(jeq_k, 0, 4, _SYS_CLONE),
        _bpf(ld_w_abs, 0, 0, 16),  # args[0], low half: flags
        _bpf(jset_k, 1, 0, _CLONE_THREAD),
        _bpf(ret_k, 0, 0, deny),
        _bpf(ret_k, 0, 0, _RET_ALLOW),
    ]
    # socket / socketpair: AF_UNIX only.
    for number in (_SYS_SOCKET, _SYS_SOCKETPAIR):
        prog += [
            _bpf(jeq_k, 0, 4, number),
            _bpf(ld_w_abs, 0, 0, 16),
            _bpf(jeq_k, 1, 0, _AF_UNIX),
            _bpf(ret_k, 0, 0, _RET_ERRNO | errno.EACCES),
            _bpf(ret_k, 0, 0, _RET_ALLOW),
        ]
    prog.append(_bpf(ret_k, 0, 0, _RET_ALLOW))
    return prog


_PROGRAM = b"".join(_seccomp_program())


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def seccomp_available() -> bool:
    return os.uname().machine == "x86_64"


def install_seccomp() -> None:
    """Needs no_new_privs (set by harden_process)."""
    buffer = ctypes.create_string_buffer(_PROGRAM, len(_PROGRAM))
    prog = _SockFprog(len(_PROGRAM) // 8, ctypes.addressof(buffer))
    _check(_libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0), "seccomp")


def set_malloc_arenas(count: int) -> None:
    """Fewer glibc arenas keeps per-thread address-space reservations under RLIMIT_AS."""
    try:
        _libc.mallopt(-8, count)  # M_ARENA_MAX
    except AttributeError:
        pass


def harden_and_filter_probe() -> None:
    """Used once by the worker, in a throwaway child, to see whether seccomp loads."""
    _prctl(PR_SET_NO_NEW_PRIVS, 1)
    install_seccomp()
    try:
        os.fork()
    except PermissionError:
        return
    raise JailError(errno.EPERM, "fork still allowed after seccomp")
