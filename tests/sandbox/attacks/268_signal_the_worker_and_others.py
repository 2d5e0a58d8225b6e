# expect: blocked
# layers: none
# aim: (never run this file as root outside a sandbox: its SIGKILL half is skipped for uid 0) signals out of the run: os.kill(1, 0/SIGKILL) (pid 1 of the sandbox's pid namespace is the worker), the parent pid, os.kill(-1, SIGKILL) (every process the uid may signal: the slot's next spare child shares the uid), os.killpg of their groups, pidfd_open + pidfd_send_signal, and pids 2-64 one by one; a run that can signal anything but itself can kill the worker or the next run. The marker is printed if signal 0 reaches any process other than itself (checked before anything is killed), or the worker stops answering
# marker: ESCAPED-268-3a55
# family: jail gaps (signals)
import ctypes
import os
import signal

me = os.getpid()
reachable = []
for pid in sorted({1, os.getppid(), *range(2, 65)} - {me}):
    try:
        os.kill(pid, 0)
        reachable.append(pid)
    except (ProcessLookupError, PermissionError):
        pass
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
pidfd = libc.syscall(434, 1, 0)  # pidfd_open(1)
if pidfd >= 0 and libc.syscall(424, pidfd, 0, None, 0) == 0:  # pidfd_send_signal(sig 0)
    reachable.append("pidfd:1")
# killpg(1) would be kill(-1), which reports success even when every target said EPERM.
for group in {os.getpgid(p) for p in reachable if isinstance(p, int)} - {os.getpgid(0), 1}:
    try:
        os.killpg(group, 0)
        reachable.append(f"group {group}")
    except OSError:
        pass
print("reachable", reachable)
if reachable:
    print("-".join(["ESCAPED", "268", "3a55"]), reachable, flush=True)
# The destructive half runs only where it is meant to: as the sandbox's
# unprivileged uid. As root outside a sandbox, kill(-1, SIGKILL) would kill
# every process of the machine (it did once, while checking this file by hand).
if os.getuid() != 0:
    for target in reachable:
        if isinstance(target, int):
            try:
                os.kill(target, signal.SIGKILL)
            except OSError:
                pass
    try:
        os.kill(-1, signal.SIGKILL)
    except OSError:
        pass
