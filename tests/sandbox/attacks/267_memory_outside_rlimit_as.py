# expect: blocked
# layers: none
# aim: RLIMIT_AS only counts the process's own address space; kernel memory held on its behalf does not: pipe buffers grown with F_SETPIPE_SZ and filled, memfd and tmpfs file pages written with write() but never mapped, socketpair send buffers, and above all SysV shared memory (host IPC namespace, see 260): attach a 32 MiB segment, fill it, detach it, repeat - the pages stay resident in the segment while the address space is given back; the snippet tries to hold more than the 256 MiB memory limit this way and prints the marker when it holds more than 300 MiB at once
# marker: ESCAPED-267-8c0d
# family: jail gaps (memory beyond the limit)
import ctypes
import fcntl
import os
import socket

F_SETPIPE_SZ = 1031
MiB = 1 << 20
held = 0
keep = []
chunk = b"\xaa" * MiB

for _ in range(30):
    try:
        r, w = os.pipe()
    except OSError:
        break
    keep += [r, w]
    try:
        size = fcntl.fcntl(w, F_SETPIPE_SZ, MiB)
    except OSError:
        size = 65536
    os.set_blocking(w, False)
    try:
        while True:
            held += os.write(w, chunk[:size])
    except (BlockingIOError, OSError):
        pass

for _ in range(8):
    try:
        fd = os.memfd_create("hold")
    except (OSError, AttributeError):
        break
    keep.append(fd)
    try:
        for _ in range(64):
            held += os.write(fd, chunk)
    except OSError:
        pass

for _ in range(4):
    try:
        a, b = socket.socketpair()
    except OSError:
        break
    keep += [a, b]
    a.setblocking(False)
    try:
        while True:
            held += a.send(chunk)
    except OSError:
        pass

libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
libc.shmat.argtypes = (ctypes.c_int, ctypes.c_void_p, ctypes.c_int)
segments = []
for n in range(12):
    shm = libc.shmget(0, 32 * MiB, 0o1000 | 0o600)  # IPC_PRIVATE
    if shm < 0:
        break
    segments.append(shm)
    address = libc.shmat(shm, None, 0)
    if address in (None, ctypes.c_void_p(-1).value):
        break
    ctypes.memset(address, 0xAA, 32 * MiB)
    libc.shmdt(ctypes.c_void_p(address))
    held += 32 * MiB
for shm in segments:
    libc.shmctl(shm, 0, None)  # IPC_RMID: freed once nothing is attached (tidy up the host)
print("held outside the address space:", held // MiB, "MiB")
if held > 300 * MiB:
    print("-".join(["ESCAPED", "267", "8c0d"]), held // MiB, "MiB")
