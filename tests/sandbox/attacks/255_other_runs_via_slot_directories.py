# expect: blocked
# layers: none
# aim: unrestricted Python looks for other runs' files: lists and reads the parent of its run directory, /tmp/slot* (and /tmp/slot0..63 by guessed name even if /tmp cannot be listed), /var/tmp, /dev/shm, and searches the files for the needle (a planted earlier or concurrent run writes its secret into a file in its own run directory and keeps running); the test plants such a run first; the marker is printed only if that needle is found, or if another slot's directory can be listed at all
# marker: ESCAPED-255-f06b
# family: runs reading other runs (other slots' files)
import os
import re

NEEDLE = re.compile(b"AWAITBOT-SECRET-" + b"NEEDLE-[0-9]+")
mine = b"AWAITBOT-SECRET-" + b"NEEDLE-[0-9]+"
here = os.path.realpath(os.getcwd())
found, listed = set(), []
candidates = {os.path.dirname(here), "/tmp", "/var/tmp", "/dev/shm"}
candidates |= {f"/tmp/slot{n}" for n in range(64)}
for root in sorted(candidates):
    if root == here:
        continue
    try:
        for dirpath, dirnames, filenames in os.walk(root):
            if os.path.realpath(dirpath) == here:
                dirnames[:] = []
                continue
            listed.append(dirpath)
            for name in filenames:
                try:
                    with open(os.path.join(dirpath, name), "rb") as handle:
                        for hit in NEEDLE.findall(handle.read(1 << 20)):
                            if hit != mine:
                                found.add(hit.decode())
                except OSError:
                    pass
    except OSError:
        pass
others = [d for d in listed if "slot" in d and os.path.realpath(d) != here]
if found or others:
    print("-".join(["ESCAPED", "255", "f06b"]), sorted(found), others[:5])
