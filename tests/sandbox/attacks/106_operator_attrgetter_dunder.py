# expect: blocked
# aim: uses operator.attrgetter (a C-level getattr that no compile-time check sees) to walk ().__class__.__base__.__subclasses__ and os._wrap_close.__init__.__globals__, then runs `id`
# marker: ESCAPED-106-3f61
# family: library gadget (operator.attrgetter)
import operator

MARK = "-".join(["ESCAPED", "106", "3f61"])
U = chr(95) * 2

walk = operator.attrgetter(U + "class" + U + "." + U + "base" + U + "." + U + "subclasses" + U)
for cls in walk(())():
    if operator.attrgetter(U + "name" + U)(cls) == "_wrap_close":
        glb = operator.attrgetter(U + "init" + U + "." + U + "globals" + U)(cls)
        out = glb["popen"]("id").read()
        if "uid=" in out:
            print(MARK, out.strip()[:80])
        break
