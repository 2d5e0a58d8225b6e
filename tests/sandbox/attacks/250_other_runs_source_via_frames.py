# expect: blocked
# layers: none
# aim: (sandbox-specific) each child is a fork of the warm worker, taken while the worker was starting the previous run on the same slot, so the child's own memory still holds the worker's live objects, including the requests (source text) of the run that just started and of runs in flight on other slots; unrestricted Python walks its own stack (sys._getframe().f_back...) to the worker's frames and reads every request it finds. The test plants a run whose source contains AWAITBOT-SECRET-NEEDLE-<digits> first; the marker is printed only if that needle is found
# marker: ESCAPED-250-6a0e
# family: runs reading other runs (inherited worker state)
import re
import sys

NEEDLE = re.compile("AWAITBOT-SECRET-" + "NEEDLE-[0-9]+")
found = set()


def search(value, depth=0):
    if depth > 4:
        return
    if isinstance(value, (str, bytes)):
        text = value if isinstance(value, str) else value.decode("latin-1")
        found.update(NEEDLE.findall(text))
    elif isinstance(value, dict):
        for item in list(value.values()):
            search(item, depth + 1)
    elif isinstance(value, (list, tuple, set)):
        for item in list(value):
            search(item, depth + 1)
    elif hasattr(value, "__dict__") and not isinstance(value, type):
        search(vars(value), depth + 1)


frame = sys._getframe()
while frame is not None:
    search(frame.f_locals)
    frame = frame.f_back
if found:
    print("-".join(["ESCAPED", "250", "6a0e"]), sorted(found))
