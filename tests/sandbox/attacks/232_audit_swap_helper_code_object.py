# expect: blocked
# layers: audit
# aim: (sandbox-specific; assumes layers 1-2 already fell) keeps the hook module's path-check function object (in case a redesign captures it by reference or in a closure) but swaps its __code__ for one that always answers True (and clears __defaults__ where it has any), so the same function object now allows every path; shown with os.listdir of a directory Landlock lets the child read (time zone data, or the stdlib) (refused by the hook, allowed by Landlock)
# marker: ESCAPED-232-f419
# family: audit hook state is mutable (__code__ / __defaults__ swap)
import os
import sys

MARK = "-".join(["ESCAPED", "232", "f419"])
# A directory Landlock lets the child read but the hook refuses to list (the stdlib
# directory also qualifies where the slot uid may traverse to it).
stdlib = next(p for p in ("/usr/share/zoneinfo", os.path.dirname(os.__file__)) if os.path.isdir(p))


def listing():
    try:
        return len(os.listdir(stdlib))
    except OSError:
        return None


def yes(*args, **kwargs):
    return True


before = listing()
swapped = []
for name, module in list(sys.modules.items()):
    if module is None or not (name.endswith(".audit") or "DENIED_EVENTS" in vars(module)):
        continue
    for attr, value in list(vars(module).items()):
        code = getattr(value, "__code__", None)
        if code is None or value.__module__ != module.__name__ or attr == "install":
            continue
        if code.co_freevars:
            continue  # a closure's code can only be swapped for one with the same cells
        value.__code__ = yes.__code__
        value.__defaults__ = None
        swapped.append(attr)
after = listing()
print("swapped", swapped, "before", before, "after", after)
if before is None and after:
    print(MARK, "listed", after, "entries of", stdlib)
