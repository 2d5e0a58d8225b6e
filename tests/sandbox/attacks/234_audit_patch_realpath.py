# expect: blocked
# layers: audit
# aim: (sandbox-specific; assumes layers 1-2 already fell) the hook resolves paths with os.path.realpath at event time, a function in a shared, writable stdlib module: patching posixpath.realpath (os.path is the same module) to return the current directory makes every path look like it is inside the run directory; shown with os.listdir of a directory Landlock lets the child read (time zone data, or the stdlib) (refused by the hook, allowed by Landlock). abspath/normpath/commonpath are patched too, for a redesign that uses them
# marker: ESCAPED-234-27f5
# family: audit hook state is mutable (stdlib functions the hook calls)
import os
import posixpath

MARK = "-".join(["ESCAPED", "234", "27f5"])
# A directory Landlock lets the child read but the hook refuses to list (the stdlib
# directory also qualifies where the slot uid may traverse to it).
stdlib = next(p for p in ("/usr/share/zoneinfo", os.path.dirname(os.__file__)) if os.path.isdir(p))
here = os.getcwd()


def listing():
    try:
        return len(os.listdir(stdlib))
    except OSError:
        return None


before = listing()
for name in ("realpath", "abspath", "normpath"):
    setattr(posixpath, name, lambda path, *args, **kwargs: here)
posixpath.commonpath = lambda paths: here
after = listing()
print("before", before, "after", after)
if before is None and after:
    print(MARK, "listed", after, "entries of", stdlib)
