# expect: blocked
# layers: audit
# aim: (sandbox-specific; assumes layers 1-2 already fell) the audit hook reads its deny list from a module global at every event, so unrestricted code finds the hook's module in sys.modules (name ending in ".audit", or any module holding DENIED_EVENTS) and rebinds DENIED_EVENTS to an empty set; events the jail does not stop (gc.get_objects, socket.gethostname, sys.setrecursionlimit) then pass. The marker needs a denial before the rebinding and success after it
# marker: ESCAPED-230-0b7d
# family: audit hook state is mutable (module globals)
import gc
import socket
import sys

MARK = "-".join(["ESCAPED", "230", "0b7d"])
probes = [
    ("gc", lambda: len(gc.get_objects())),
    ("hostname", socket.gethostname),
    ("recursion", lambda: sys.setrecursionlimit(5000)),
]


def run_probes():
    passed = []
    for name, probe in probes:
        try:
            probe()
            passed.append(name)
        except Exception:
            pass
    return passed


before = run_probes()
targets = [
    m
    for name, m in list(sys.modules.items())
    if m is not None and (name.endswith(".audit") or "DENIED_EVENTS" in vars(m))
]
for module in targets:
    module.DENIED_EVENTS = frozenset()
after = run_probes()
newly = sorted(set(after) - set(before))
print("audit modules:", [m.__name__ for m in targets], "newly allowed:", newly)
if newly:
    print(MARK, newly)
