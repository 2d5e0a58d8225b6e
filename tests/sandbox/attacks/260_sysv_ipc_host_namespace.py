# expect: blocked
# layers: none
# aim: the worker is started without an IPC namespace, so SysV shared memory, message queues and semaphores made by a run live in the host's IPC namespace, outlive the run (nothing removes them) and are visible to every other process on the host (`ipcs`); with ctypes the snippet creates one of each under a fixed key, attaches and writes the segment, then removes them again (see 261 for persistence); the marker is printed if any object could be created
# marker: ESCAPED-260-a7c3
# family: jail gaps (SysV IPC)
import ctypes

IPC_CREAT, IPC_EXCL, IPC_RMID = 0o1000, 0o2000, 0
KEY = 0x41570260
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
libc.shmat.argtypes = (ctypes.c_int, ctypes.c_void_p, ctypes.c_int)
made = []
shm = libc.shmget(KEY, 1 << 20, IPC_CREAT | 0o666)
if shm >= 0:
    address = libc.shmat(shm, None, 0)
    if address not in (None, ctypes.c_void_p(-1).value):
        ctypes.memmove(address, b"written by a sandboxed run", 26)
        made.append("shm attached+written")
        libc.shmdt(ctypes.c_void_p(address))
    else:
        made.append("shm")
    libc.shmctl(shm, IPC_RMID, None)
queue = libc.msgget(KEY, IPC_CREAT | 0o666)
if queue >= 0:
    made.append("msg")
    libc.msgctl(queue, IPC_RMID, None)
sems = libc.semget(KEY, 1, IPC_CREAT | 0o666)
if sems >= 0:
    made.append("sem")
    libc.semctl(sems, 0, IPC_RMID)
print("errno", ctypes.get_errno())
if made:
    print("-".join(["ESCAPED", "260", "a7c3"]), made)
