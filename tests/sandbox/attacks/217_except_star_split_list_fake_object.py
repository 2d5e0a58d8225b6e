# expect: blocked
# aim: the except*/split type confusion (gh-128049) returning a 2-item list: CPython reads the list's item-array pointer as the first tuple item, i.e. it treats the list's storage as an object whose ob_refcnt is the address of item 0 and whose ob_type is item 1; with a crafted item 1 this is a fake-object primitive (the route of the published exploits), here it just crashes. Observed: SIGSEGV. The test must check the run is not killed by a signal (a crash is a reachable memory-corruption bug), the marker only proves a bound fake object
# marker: ESCAPED-217-0aa6
# family: interpreter callback type confusion (except* + split returning a list)


class Group(ExceptionGroup):
    def split(self, condition):
        return [ValueError(1), None]


try:
    raise Group("g", [ValueError(1)])
except* TypeError as found:
    if not isinstance(found, BaseException):
        print("-".join(["ESCAPED", "217", "0aa6"]), "fake object bound")
print("survived")
