# expect: blocked
# layers: audit
# aim: (sandbox-specific; assumes layers 1-2 already fell) the hook checks path arguments of os.listdir/os.scandir/os.chdir/os.mkdir... only when they are str or bytes; CPython 3.11 still accepts (with a DeprecationWarning) a bytearray or a buffer as a path and hands that object to the audit event unconverted, so it is waved through (an os.PathLike object is tried too, in case a redesign passes the original object on); shown with os.listdir / os.scandir of a directory Landlock lets the child read (time zone data, or the stdlib) (refused by the hook for a str, allowed by Landlock)
# marker: ESCAPED-236-4a90
# family: audit hook state is mutable (path objects that are not str skip the check)
import os
import warnings

warnings.simplefilter("ignore", DeprecationWarning)

MARK = "-".join(["ESCAPED", "236", "4a90"])
# A directory Landlock lets the child read but the hook refuses to list (the stdlib
# directory also qualifies where the slot uid may traverse to it).
stdlib = next(p for p in ("/usr/share/zoneinfo", os.path.dirname(os.__file__)) if os.path.isdir(p))


class Path:
    def __init__(self, path):
        self.path = path

    def __fspath__(self):
        return self.path


def listing(path):
    try:
        return len(os.listdir(path))
    except (OSError, TypeError, ValueError):
        return None


def scanning(path):
    try:
        with os.scandir(path) as entries:
            return len(list(entries))
    except (OSError, TypeError):
        return None


before = listing(stdlib)
raw = os.fsencode(stdlib)
after = None
for disguised in (Path(stdlib), bytearray(raw), memoryview(raw)):
    after = after or listing(disguised) or scanning(disguised)
print("before", before, "after", after)
if before is None and after:
    print(MARK, "listed", after, "entries of", stdlib)
