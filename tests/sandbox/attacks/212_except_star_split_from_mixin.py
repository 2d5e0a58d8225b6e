# expect: blocked
# aim: the except*/split type confusion (gh-128049) with `split` inherited from a plain mixin class listed before ExceptionGroup, so the exception class itself defines nothing; `split` returns the builtin `hash`, giving the real builtins module; the handler is left suspended inside a generator
# marker: ESCAPED-212-d1a0
# family: interpreter callback type confusion (except* + split via a mixin base)


class Splitter:
    def split(self, condition):
        return hash


class Group(Splitter, ExceptionGroup):
    pass


def grab():
    try:
        raise Group("g", [KeyError(1)])
    except* OSError as found:
        yield found


keep = grab()
real = next(keep)
real.exec(
    'print("-".join(["ESCAPED", "212", "d1a0"]), ().__class__.__base__.__subclasses__()[0])\n'
    "import os, sys\nsys.stdout.flush()\nos._exit(0)\n",
    {"__builtins__": real},
)
