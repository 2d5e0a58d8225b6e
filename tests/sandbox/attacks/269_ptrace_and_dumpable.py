# expect: blocked
# layers: none
# aim: (ptrace is skipped for uid 0, so running this as root outside a sandbox stops nothing) reading or writing other processes' memory through ctypes: prctl(PR_SET_DUMPABLE, 1) (allowed: undoes the jail's non-dumpable setting for this process), then ptrace(PTRACE_ATTACH/SEIZE) and process_vm_readv on the worker (pid 1), the parent and pids 2-64, and pidfd_getfd (which also steals file descriptors); the marker is printed if another process's memory or fd is obtained
# marker: ESCAPED-269-77e4
# family: jail gaps (ptrace and friends)
import ctypes
import os

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
PTRACE_ATTACH, PTRACE_DETACH, PTRACE_SEIZE = 16, 17, 0x4206


class IoVec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]


print("set dumpable:", libc.prctl(4, 1, 0, 0, 0), "now", libc.prctl(3, 0, 0, 0, 0))
got = []
buffer = ctypes.create_string_buffer(64)
local = IoVec(ctypes.cast(buffer, ctypes.c_void_p), 64)
# As root outside a sandbox, PTRACE_ATTACH would stop real system processes:
# only the probes that cannot change another process run for uid 0.
targets = sorted({1, os.getppid(), *range(2, 65)} - {os.getpid()})
for pid in targets:
    for request in (PTRACE_SEIZE, PTRACE_ATTACH) if os.getuid() != 0 else ():
        if libc.syscall(101, request, pid, 0, 0) == 0:
            got.append(f"ptrace {pid}")
            libc.syscall(101, PTRACE_DETACH, pid, 0, 0)
            break
    remote = IoVec(ctypes.c_void_p(0x400000), 64)
    if libc.syscall(310, pid, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0) > 0:
        got.append(f"process_vm_readv {pid}")
    pidfd = libc.syscall(434, pid, 0)
    if pidfd >= 0:
        for fd in range(0, 8):
            if libc.syscall(438, pidfd, fd, 0) >= 0:  # pidfd_getfd
                got.append(f"pidfd_getfd {pid}:{fd}")
        os.close(pidfd)
print("errno", ctypes.get_errno())
if got:
    print("-".join(["ESCAPED", "269", "77e4"]), got)
