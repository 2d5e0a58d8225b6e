# expect: blocked
# aim: reaches object via type(x).mro() (no underscore in the source) and calls type.__subclasses__(object) through getattr on `type`, then os._wrap_close -> popen('id')
# marker: ESCAPED-105-e3a8
# family: type introspection (type().mro(), type.__subclasses__)
MARK = "-".join(["ESCAPED", "105", "e3a8"])
U = chr(95) * 2

root = type(()).mro()[-1]
subclasses = getattr(type, U + "subclasses" + U)(root)
for cls in subclasses:
    if repr(cls).endswith("._wrap_close'>"):
        init = getattr(cls, U + "init" + U)
        out = getattr(init, U + "globals" + U)["popen"]("id").read()
        if "uid=" in out:
            print(MARK, out.strip()[:80])
        break
