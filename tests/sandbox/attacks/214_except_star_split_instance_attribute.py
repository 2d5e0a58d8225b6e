# expect: blocked
# aim: the except*/split type confusion (gh-128049) with `split` stored on the exception *instance* (exceptions have a __dict__ and CPython looks the method up with a normal attribute lookup), so neither the class nor any class body defines it; a plain ExceptionGroup subclass with no methods at all
# marker: ESCAPED-214-7e05
# family: interpreter callback type confusion (except* + split as an instance attribute)


class Group(ExceptionGroup):
    pass


def grab():
    group = Group("g", [ValueError(1)])
    group.split = lambda condition: len
    try:
        raise group
    except* TypeError as found:
        yield found


keep = grab()
real = next(keep)
real.exec(
    'print("-".join(["ESCAPED", "214", "7e05"]), len(().__class__.__base__.__subclasses__()))\n'
    "import os, sys\nsys.stdout.flush()\nos._exit(0)\n",
    {"__builtins__": real},
)
