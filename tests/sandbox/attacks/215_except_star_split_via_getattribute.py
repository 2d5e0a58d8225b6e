# expect: blocked
# aim: the except*/split type confusion (gh-128049) where `split` is never defined anywhere: a type(int)-built ExceptionGroup subclass has __getattribute__ (not definable in a class body) answering CPython's own lookup of "split" with a function returning `len`
# marker: ESCAPED-215-b7c2
# family: interpreter callback type confusion (except* + split answered by __getattribute__)
U = chr(95) * 2
real_type = type(int)


def lookup(self, name):
    if name == "split":
        return lambda condition: len
    return None  # nothing else is looked up on the way to split()


Group = real_type("Group", (ExceptionGroup,), {U + "getattribute" + U: lookup})


def grab():
    try:
        raise Group("g", [ValueError(1)])
    except* TypeError as found:
        yield found


keep = grab()
real = next(keep)
real.exec(
    'print("-".join(["ESCAPED", "215", "b7c2"]), len(().__class__.__base__.__subclasses__()))\n'
    "import os, sys\nsys.stdout.flush()\nos._exit(0)\n",
    {"__builtins__": real},
)
