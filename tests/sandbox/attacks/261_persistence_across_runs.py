# expect: blocked
# layers: none
# aim: persistence between runs (run this file twice in a row; the second run prints the marker if anything the first one left is still there): a SysV shared-memory segment and message queue under a fixed key (host IPC namespace), an abstract Unix socket name held by a thread, a file in the run directory, in /tmp, /var/tmp and /dev/shm, an inherited environment variable; each run first looks for the needle, then plants it. Leaves the SysV objects behind on purpose (remove with `ipcrm -M 0x41570261 -Q 0x41570261`)
# marker: ESCAPED-261-5b82
# family: jail gaps (persistence across runs)
import ctypes
import os
import socket

NEEDLE = b"AWAITBOT-PERSIST-" + b"261"
KEY = 0x41570261
IPC_CREAT = 0o1000
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
libc.shmat.argtypes = (ctypes.c_int, ctypes.c_void_p, ctypes.c_int)
found = []

shm = libc.shmget(KEY, 4096, 0o666)
if shm >= 0:
    address = libc.shmat(shm, None, 0)
    if (
        address not in (None, ctypes.c_void_p(-1).value)
        and ctypes.string_at(address, len(NEEDLE)) == NEEDLE
    ):
        found.append("sysv shm")
if libc.msgget(KEY, 0o666) >= 0:
    found.append("sysv msg")
probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
try:
    probe.connect(b"\0" + NEEDLE)
    found.append("abstract socket")
except OSError:
    pass
places = [
    "persist-261.txt",
    "/tmp/persist-261.txt",
    "/var/tmp/persist-261.txt",
    "/dev/shm/persist-261.txt",
]
for path in places:
    try:
        with open(path, "rb") as handle:
            if handle.read() == NEEDLE:
                found.append(path)
    except OSError:
        pass
if os.environ.get("PERSIST_261") == NEEDLE.decode():
    found.append("environment")
if found:
    print("-".join(["ESCAPED", "261", "5b82"]), "left by an earlier run:", found)

shm = libc.shmget(KEY, 4096, IPC_CREAT | 0o666)
if shm >= 0:
    address = libc.shmat(shm, None, 0)
    if address not in (None, ctypes.c_void_p(-1).value):
        ctypes.memmove(address, NEEDLE, len(NEEDLE))
libc.msgget(KEY, IPC_CREAT | 0o666)
for path in places:
    try:
        with open(path, "wb") as handle:
            handle.write(NEEDLE)
    except OSError:
        pass
os.environ["PERSIST_261"] = NEEDLE.decode()
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
try:
    server.bind(b"\0" + NEEDLE)
    server.listen(1)
except OSError:
    pass
print("planted")
