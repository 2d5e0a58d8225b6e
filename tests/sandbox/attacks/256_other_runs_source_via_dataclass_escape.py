# expect: blocked
# aim: (sandbox-specific) the same cross-run read as 250 from fully restricted code, through a different layer-1 escape: the dataclass default lookup leaks object.__getattribute__ (see 202), which reads the real builtins from a stdlib function's globals and imports sys (already loaded, so the audit hook allows it); the snippet then walks f_back into the worker frames the child inherited and reads the requests (source text) of earlier/concurrent runs. The test plants a run whose source contains AWAITBOT-SECRET-NEEDLE-<digits> first; the marker is printed only if that needle is found
# marker: ESCAPED-256-0c5a
# family: runs reading other runs (chained from a layer-1 escape)
import asyncio
import dataclasses
import re

U = chr(95) * 2
NEEDLE = re.compile("AWAITBOT-SECRET-" + "NEEDLE-[0-9]+")
real_type = type(int)
Probe = real_type("Probe", (), {U + "annotations" + U: {U + "getattribute" + U: int}})
Probe = dataclasses.dataclass(init=False, repr=False, eq=False)(Probe)
raw = dataclasses.fields(Probe)[0].default

real_builtins = raw(asyncio.sleep, U + "globals" + U)[U + "builtins" + U]
sys_module = real_builtins[U + "import" + U]("sys")
found = set()


def search(value, depth):
    if depth > 4:
        return
    if isinstance(value, str):
        found.update(NEEDLE.findall(value))
    elif isinstance(value, dict):
        for item in list(value.values()):
            search(item, depth + 1)
    elif isinstance(value, (list, tuple)):
        for item in value:
            search(item, depth + 1)
    elif not isinstance(value, real_type):
        try:
            search(raw(value, U + "dict" + U), depth + 1)
        except Exception:
            pass


frame = raw(sys_module, "_getframe")()
while frame is not None:
    search(raw(frame, "f_locals"), 0)
    frame = raw(frame, "f_back")
found.discard(NEEDLE.pattern)
if found:
    print("-".join(["ESCAPED", "256", "0c5a"]), sorted(found))
