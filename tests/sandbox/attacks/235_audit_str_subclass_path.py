# expect: blocked
# layers: audit
# aim: (sandbox-specific; assumes layers 1-2 already fell) passes a str subclass as the path: the hook accepts it as a str and resolves it with os.path.realpath, which calls the subclass's own startswith/partition/split/__getitem__ (overridden to describe a harmless relative name), while the C call uses the real characters; the hook sees the run directory, the kernel gets the stdlib directory (refused by the hook, allowed by Landlock)
# marker: ESCAPED-235-c3d8
# family: audit hook state is mutable (path objects that lie to the hook)
import os

MARK = "-".join(["ESCAPED", "235", "c3d8"])
# A directory Landlock lets the child read but the hook refuses to list (the stdlib
# directory also qualifies where the slot uid may traverse to it).
stdlib = next(p for p in ("/usr/share/zoneinfo", os.path.dirname(os.__file__)) if os.path.isdir(p))


class Liar(str):
    def startswith(self, *args, **kwargs):
        return False

    def partition(self, sep):
        return ("inside", "", "")

    def split(self, *args, **kwargs):
        return ["inside"]

    def rsplit(self, *args, **kwargs):
        return ["inside"]

    def endswith(self, *args, **kwargs):
        return False

    def __getitem__(self, index):
        return "inside"


def listing(path):
    try:
        return len(os.listdir(path))
    except OSError:
        return None


before = listing(stdlib)
after = listing(Liar(stdlib))
print("before", before, "after", after)
if before is None and after:
    print(MARK, "listed", after, "entries of", stdlib)
