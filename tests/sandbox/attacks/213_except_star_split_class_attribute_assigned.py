# expect: blocked
# aim: the except*/split type confusion (gh-128049) with `split` assigned to the class after it was created (`Group.split = ...`, a write the guard allows on the snippet's own classes), so no class body ever names it; returns the builtin `abs`, giving the real builtins module
# marker: ESCAPED-213-41e9
# family: interpreter callback type confusion (except* + split assigned on the class)


class Group(ExceptionGroup):
    pass


def fake_split(self, condition):
    return abs


Group.split = fake_split


def grab():
    try:
        raise Group("g", [ValueError(1)])
    except* ZeroDivisionError as found:
        yield found


keep = grab()
real = next(keep)
real.exec(
    'print("-".join(["ESCAPED", "213", "41e9"]), len(().__class__.__base__.__subclasses__()))\n'
    "import os, sys\nsys.stdout.flush()\nos._exit(0)\n",
    {"__builtins__": real},
)
