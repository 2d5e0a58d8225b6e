# expect: blocked
# layers: none
# aim: POSIX IPC that could outlive the run or reach the host: mq_open (message queues live in the IPC namespace; RLIMIT_MSGQUEUE should make creation fail), shm_open-style files under /dev/shm (and /run/shm, /dev/mqueue); the marker is printed if a POSIX queue or a /dev/shm object could be created
# marker: ESCAPED-262-09ee
# family: jail gaps (POSIX IPC)
import ctypes
import os

O_CREAT, O_RDWR = 0o100, 0o2
libc = ctypes.CDLL(None, use_errno=True)
made = []


class MqAttr(ctypes.Structure):
    _fields_ = [
        ("flags", ctypes.c_long),
        ("maxmsg", ctypes.c_long),
        ("msgsize", ctypes.c_long),
        ("curmsgs", ctypes.c_long),
        ("pad", ctypes.c_long * 4),
    ]


try:
    rt = ctypes.CDLL("librt.so.1", use_errno=True)
except OSError:
    rt = libc
attr = MqAttr(0, 1, 1, 0)
for name, attr_arg in ((b"/awaitbot-262", ctypes.byref(attr)), (b"/awaitbot-262b", None)):
    fd = rt.mq_open(name, O_CREAT | O_RDWR, 0o666, attr_arg)
    if fd >= 0:
        made.append("mq " + name.decode())
        rt.mq_unlink(name)
    else:
        print("mq_open errno", ctypes.get_errno())
for path in ("/dev/shm/awaitbot-262", "/run/shm/awaitbot-262", "/dev/mqueue/awaitbot-262"):
    try:
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o666)
        os.close(fd)
        os.unlink(path)
        made.append(path)
    except OSError as exc:
        print(path, exc.errno)
if made:
    print("-".join(["ESCAPED", "262", "09ee"]), made)
