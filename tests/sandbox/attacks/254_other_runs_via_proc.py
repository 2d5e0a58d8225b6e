# expect: blocked
# layers: none
# aim: unrestricted Python reads /proc: /proc/self/mem (the inherited worker heap, through /proc/self/maps), and for every pid it can see (and pids 1-64 even if /proc cannot be listed) cmdline, environ and mem, plus /proc/<pid>/task/*/...; the needle of a planted earlier/concurrent run, or any request text, proves a cross-run leak. The test plants a run whose source contains AWAITBOT-SECRET-NEEDLE-<digits> first; the marker is printed only if that needle is found
# marker: ESCAPED-254-90a3
# family: runs reading other runs (/proc)
import os
import re

NEEDLE = re.compile(b"AWAITBOT-SECRET-" + b"NEEDLE-[0-9]+")
mine = b"AWAITBOT-SECRET-" + b"NEEDLE-[0-9]+"
found = set()


def scan(data):
    for hit in NEEDLE.findall(data):
        if hit != mine:
            found.add(hit.decode())


def read_mem(pid):
    try:
        with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
            for line in maps:
                span, perms = line.split()[:2]
                if "r" not in perms:
                    continue
                start, end = (int(x, 16) for x in span.split("-"))
                try:
                    mem.seek(start)
                    scan(mem.read(min(end - start, 64 << 20)))
                except (OSError, OverflowError, ValueError):
                    continue
    except OSError:
        pass


try:
    pids = [p for p in os.listdir("/proc") if p.isdigit()]
except OSError:
    pids = []
pids = sorted(set(pids) | {str(n) for n in range(1, 65)} | {"self"})
opened = []
for pid in pids:
    for name in ("cmdline", "environ"):
        try:
            with open(f"/proc/{pid}/{name}", "rb") as handle:
                scan(handle.read())
                opened.append(f"{pid}/{name}")
        except OSError:
            pass
    read_mem(pid)
print("readable:", opened[:10])
if found:
    print("-".join(["ESCAPED", "254", "90a3"]), sorted(found))
