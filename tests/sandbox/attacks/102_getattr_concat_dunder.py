# expect: blocked
# aim: builds dunder names at run time and resolves them with getattr ('__cl' + 'ass__', ...) to walk object.__subclasses__() to os._wrap_close and run `id`
# marker: ESCAPED-102-c07d
# family: dynamic attribute names (getattr with computed dunder)
MARK = "-".join(["ESCAPED", "102", "c07d"])
U = "_" + "_"

base = getattr(getattr((), U + "cl" + "ass" + U), U + "base" + U)
for cls in getattr(base, U + "subclasses" + U)():
    if getattr(cls, U + "name" + U) == "_wrap_close":
        init = getattr(cls, U + "init" + U)
        popen = getattr(init, U + "globals" + U)["popen"]
        out = popen("id").read()
        if "uid=" in out:
            print(MARK, out.strip()[:80])
        break
