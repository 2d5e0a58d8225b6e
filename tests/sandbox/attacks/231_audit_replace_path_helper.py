# expect: blocked
# layers: audit
# aim: (sandbox-specific; assumes layers 1-2 already fell) the hook calls its path check `_inside` through a module global, so rebinding it (and any other module-level function of the hook's module that takes a path) to `lambda *a: True` turns off every path decision; shown with os.listdir of a directory Landlock lets the child read (time zone data, or the stdlib), which the hook refuses and Landlock allows (the jail would stop writes elsewhere). The marker needs a denial before and success after
# marker: ESCAPED-231-6d2a
# family: audit hook state is mutable (module functions)
import os
import sys

MARK = "-".join(["ESCAPED", "231", "6d2a"])
# A directory Landlock lets the child read but the hook refuses to list (the stdlib
# directory also qualifies where the slot uid may traverse to it).
stdlib = next(p for p in ("/usr/share/zoneinfo", os.path.dirname(os.__file__)) if os.path.isdir(p))


def listing():
    try:
        return len(os.listdir(stdlib))
    except OSError:
        return None


before = listing()
patched = []
for name, module in list(sys.modules.items()):
    if module is None or not (name.endswith(".audit") or "DENIED_EVENTS" in vars(module)):
        continue
    for attr, value in list(vars(module).items()):
        if hasattr(value, "__code__") and value.__module__ == module.__name__ and attr != "install":
            setattr(module, attr, lambda *args, **kwargs: True)
            patched.append(attr)
after = listing()
print("patched", patched, "before", before, "after", after)
if before is None and after:
    print(MARK, "listed", after, "entries of", stdlib)
