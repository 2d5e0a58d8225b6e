# expect: blocked
# layers: none
# aim: kernel interfaces a snippet never needs and that carry most kernel exploits, through ctypes syscall(): io_uring_setup, userfaultfd, bpf, keyctl/add_key, perf_event_open, personality (READ_IMPLIES_EXEC, ADDR_NO_RANDOMIZE), open_by_handle_at, name_to_handle_at, plus ones missing from the seccomp deny list: syslog (kernel log), modify_ldt write, kcmp, mbind/set_mempolicy, process_madvise, fanotify_init, quotactl, the x32 and i386 (int 0x80) syscall ABIs; the marker is printed if any of the dangerous ones succeeds (returns >= 0)
# marker: ESCAPED-271-5f30
# family: jail gaps (kernel attack surface)
import ctypes

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long


class Params(ctypes.Structure):
    _fields_ = [("raw", ctypes.c_uint32 * 30)]


params = Params()
attr = ctypes.create_string_buffer(128)
buf = ctypes.create_string_buffer(4096)
CALLS = [
    ("io_uring_setup", 425, (4, ctypes.byref(params))),
    ("userfaultfd", 323, (0,)),
    ("bpf map_create", 321, (0, attr, 128)),
    ("keyctl join", 250, (1, None)),
    ("add_key", 248, (b"user", b"awaitbot", b"x", 1, 0xFFFFFFFD)),
    ("perf_event_open", 298, (attr, 0, -1, -1, 0)),
    ("personality", 135, (0x0400000,)),
    ("open_by_handle_at", 304, (-100, buf, 0)),
    ("name_to_handle_at", 303, (-100, b"/", buf, ctypes.byref(ctypes.c_int()), 0)),
    ("syslog read_all", 103, (3, buf, 4096)),
    ("fanotify_init", 300, (0, 0)),
    ("modify_ldt write", 154, (1, buf, 16)),
]
succeeded = []
for name, number, args in CALLS:
    result = libc.syscall(number, *args)
    errno = ctypes.get_errno()
    print(name, result, errno if result < 0 else "")
    if result >= 0 and name != "personality":
        succeeded.append(name)
    if name == "personality" and result >= 0 and libc.syscall(135, 0xFFFFFFFF) & 0x0400000:
        succeeded.append(name)
if succeeded:
    print("-".join(["ESCAPED", "271", "5f30"]), succeeded)
