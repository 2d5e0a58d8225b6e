# expect: blocked
# layers: none
# aim: (sandbox-specific) unrestricted Python lists every object the child's garbage collector tracks (gc.get_objects, plus referents of frozen/untracked containers) and searches str/bytes values for the needle: the child is a fork of the worker, so request dicts and buffers of earlier or concurrent runs are among them. The test plants a run whose source contains AWAITBOT-SECRET-NEEDLE-<digits> first; the marker is printed only if that needle is found
# marker: ESCAPED-252-b8f1
# family: runs reading other runs (inherited worker heap via gc)
import gc
import re

NEEDLE = re.compile("AWAITBOT-SECRET-" + "NEEDLE-[0-9]+")
found = set()
mine = NEEDLE.pattern
for obj in gc.get_objects() + [r for o in gc.get_objects() for r in gc.get_referents(o)]:
    if isinstance(obj, (str, bytes, bytearray)) and obj is not mine:
        text = obj if isinstance(obj, str) else bytes(obj).decode("latin-1")
        found.update(NEEDLE.findall(text))
if found:
    print("-".join(["ESCAPED", "252", "b8f1"]), sorted(found))
