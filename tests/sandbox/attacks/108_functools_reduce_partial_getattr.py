# expect: blocked
# aim: calls getattr from C through functools.reduce / functools.partial (no attribute syntax), walking dunders to os._wrap_close and running `id`
# marker: ESCAPED-108-0a97
# family: library gadget (functools.partial / reduce over getattr)
import functools

MARK = "-".join(["ESCAPED", "108", "0a97"])
U = chr(95) * 2

path = [U + "class" + U, U + "base" + U, U + "subclasses" + U]
subclasses = functools.reduce(getattr, path, ())
for cls in subclasses():
    get_name = functools.partial(getattr, cls)
    if get_name(U + "name" + U) == "_wrap_close":
        glb = functools.reduce(getattr, [U + "init" + U, U + "globals" + U], cls)
        out = glb["popen"]("id").read()
        if "uid=" in out:
            print(MARK, out.strip()[:80])
        break
