# expect: blocked
# aim: uses operator.methodcaller('__subclasses__') and methodcaller('__getattribute__', ...) to read dunders without attribute syntax (object via tuple.mro()), reaches os._wrap_close's globals and runs `id`
# marker: ESCAPED-107-b852
# family: library gadget (operator.methodcaller)
import operator

MARK = "-".join(["ESCAPED", "107", "b852"])
U = chr(95) * 2


def dget(obj, name):
    return operator.methodcaller(U + "getattribute" + U, U + name + U)(obj)


root = operator.methodcaller("mro")(dget((), "class"))[-1]
for cls in operator.methodcaller(U + "subclasses" + U)(root):
    if repr(cls).endswith("._wrap_close'>"):
        bound = dget(cls(None, None), "init")
        out = dget(bound, "globals")["popen"]("id").read()
        if "uid=" in out:
            print(MARK, out.strip()[:80])
        break
