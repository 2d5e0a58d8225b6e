# expect: blocked
# layers: none
# aim: new namespaces (the way to root inside a user namespace, new mounts, a new network) through ctypes syscall(): unshare and setns with every CLONE_NEW* flag, and clone() with CLONE_NEWUSER and other namespace flags *combined with CLONE_THREAD* (the seccomp filter allows clone when CLONE_THREAD is set; the kernel should refuse the combination), setns on /proc/self/ns/* and pidfds, and the new mount API (fsopen, open_tree with OPEN_TREE_CLONE, move_mount, mount_setattr) which is not in the seccomp list; the marker is printed if any call succeeds in creating or joining a namespace or a mount
# marker: ESCAPED-270-e0b9
# family: jail gaps (namespaces)
import ctypes
import os

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
CLONE_THREAD, CLONE_SIGHAND, CLONE_VM = 0x10000, 0x800, 0x100
NEW = {
    "user": 0x10000000,
    "ns": 0x20000,
    "net": 0x40000000,
    "ipc": 0x8000000,
    "uts": 0x4000000,
    "pid": 0x20000000,
    "cgroup": 0x2000000,
}
ok = []
for name, flag in NEW.items():
    if libc.syscall(272, flag) == 0:  # unshare
        ok.append("unshare " + name)
    stack = ctypes.create_string_buffer(1 << 16)
    top = ctypes.addressof(stack) + (1 << 16) - 64
    flags = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM | flag
    # glibc's clone() runs getpid() in the new thread and exits it: safe if it starts.
    result = libc.clone(
        ctypes.cast(libc.getpid, ctypes.c_void_p), ctypes.c_void_p(top), flags, None
    )
    if result > 0:
        ok.append("clone thread+" + name)
for ns in ("user", "mnt", "net", "ipc", "uts", "pid", "cgroup"):
    try:
        fd = os.open(f"/proc/1/ns/{ns}", os.O_RDONLY)
    except OSError:
        continue
    if libc.syscall(308, fd, 0) == 0:
        ok.append("setns " + ns)
    os.close(fd)
fs = libc.syscall(430, b"tmpfs", 0)  # fsopen
if fs >= 0:
    ok.append("fsopen tmpfs")
tree = libc.syscall(428, -100, b"/", 1)  # open_tree(OPEN_TREE_CLONE)
if tree >= 0:
    ok.append("open_tree clone")
    # Mount the copy on a directory of the run itself, never on a shared path.
    os.makedirs("mnt-270", exist_ok=True)
    if (
        libc.syscall(429, tree, b"", -100, os.path.abspath("mnt-270").encode(), 4) == 0
    ):  # move_mount
        ok.append("move_mount")
        libc.umount2(os.path.abspath("mnt-270").encode(), 2)
print("errno", ctypes.get_errno())
if ok:
    print("-".join(["ESCAPED", "270", "e0b9"]), ok)
