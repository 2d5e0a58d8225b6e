# expect: blocked
# aim: functools.singledispatch().register(func) evaluates func's string annotation with the real eval; the string is unrestricted code (no guards are compiled into it) that walks object.__subclasses__() to os._wrap_close and runs `id`
# marker: ESCAPED-118-d02a
# family: library gadget (functools.singledispatch annotation eval)
import functools

MARK = "-".join(["ESCAPED", "118", "d02a"])
box = []


@functools.singledispatch
def show(arg):
    return "default"


def handler(
    arg: "box.append([c for c in ().__class__.__base__.__subclasses__() if c.__name__ == '_wrap_close'][0].__init__.__globals__['popen']('id').read()) or int",
):
    return "int"


try:
    show.register(handler)
except Exception:
    pass
if box and "uid=" in box[0]:
    print(MARK, box[0].strip()[:80])
