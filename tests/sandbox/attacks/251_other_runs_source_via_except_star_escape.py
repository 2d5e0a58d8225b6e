# expect: blocked
# aim: (sandbox-specific) the full chain from fully restricted code: the except*/split type confusion (see 210) gives the real builtins; unrestricted code then walks the child's stack with sys._getframe (an audit event the hook lets through) into the worker frames the child inherited at fork time and reads the source of earlier/concurrent runs (see 250). The test plants a run whose source contains AWAITBOT-SECRET-NEEDLE-<digits> first; the marker is printed only if that needle is found
# marker: ESCAPED-251-43c9
# family: runs reading other runs (chained from a layer-1 escape)


class Group(ExceptionGroup):
    def split(self, *args):
        return len


def grab():
    try:
        raise Group("g", [ValueError(1)])
    except* TypeError as found:
        yield found


PAYLOAD = """
import re, sys
needle = re.compile("AWAITBOT-SECRET-" + "NEEDLE-[0-9]+")
found = set()
def search(value, depth=0):
    if depth > 4:
        return
    if isinstance(value, (str, bytes)):
        found.update(needle.findall(value if isinstance(value, str) else value.decode("latin-1")))
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
    print("-".join(["ESCAPED", "251", "43c9"]), sorted(found))
import os
sys.stdout.flush()
os._exit(0)
"""

keep = grab()
real = next(keep)
real.exec(PAYLOAD, {"__builtins__": real})
