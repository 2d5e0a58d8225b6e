# expect: blocked
# layers: audit
# aim: (sandbox-specific; assumes layers 1-2 already fell) the hook's module reaches `os`, `sys` and `socket` through its own globals at event time: rebinding the module's `os` to a shim whose path.realpath answers the run directory turns off path checks, and rebinding its `sys` to a shim whose `modules` contains every name lets new imports through (the hook allows an import when the name is already in sys.modules); shown with os.listdir of a directory Landlock lets the child read (time zone data, or the stdlib) and importing a module the worker never preloaded
# marker: ESCAPED-238-d05e
# family: audit hook state is mutable (module globals: imported modules)
import os
import sys

MARK = "-".join(["ESCAPED", "238", "d05e"])
# A directory Landlock lets the child read but the hook refuses to list (the stdlib
# directory also qualifies where the slot uid may traverse to it).
stdlib = next(p for p in ("/usr/share/zoneinfo", os.path.dirname(os.__file__)) if os.path.isdir(p))
here = os.getcwd()


class Everything(dict):
    def __contains__(self, key):
        return True


class PathShim:
    sep = "/"

    def __getattr__(self, name):
        return getattr(os.path, name)

    def realpath(self, path, *args, **kwargs):
        return here


class OsShim:
    path = PathShim()
    sep = "/"

    def __getattr__(self, name):
        return getattr(os, name)


class SysShim:
    modules = Everything()

    def __getattr__(self, name):
        return getattr(sys, name)


def attempts():
    done = []
    try:
        os.listdir(stdlib)
        done.append("listdir")
    except OSError:
        pass
    for name in ("uuid", "sqlite3", "ftplib", "xml.dom.minidom", "wave"):
        if name in sys.modules:
            continue
        try:
            __import__(name)
            done.append("import")
            break
        except Exception:
            pass
    return done


before = attempts()
for name, module in list(sys.modules.items()):
    if module is not None and (name.endswith(".audit") or "DENIED_EVENTS" in vars(module)):
        module.os = OsShim()
        module.sys = SysShim()
after = attempts()
newly = sorted(set(after) - set(before))
print("before", before, "after", after)
if newly:
    print(MARK, newly)
