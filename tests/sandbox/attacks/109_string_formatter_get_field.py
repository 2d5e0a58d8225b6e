# expect: blocked
# aim: string.Formatter().get_field returns the real object at the end of a dotted/indexed field path, giving a raw attribute walker; walks to os._wrap_close.__init__.__globals__['popen'] and runs `id`
# marker: ESCAPED-109-6c24
# family: library gadget (string.Formatter.get_field)
import string

MARK = "-".join(["ESCAPED", "109", "6c24"])
U = chr(95) * 2
fmt = string.Formatter()


def walk(obj, path):
    return fmt.get_field("0." + path, (obj,), {})[0]


subclasses = walk((), U + "class" + U + "." + U + "base" + U + "." + U + "subclasses" + U)
for cls in subclasses():
    if walk(cls, U + "name" + U) == "_wrap_close":
        popen = walk(cls, U + "init" + U + "." + U + "globals" + U + "[popen]")
        out = popen("id").read()
        if "uid=" in out:
            print(MARK, out.strip()[:80])
        break
