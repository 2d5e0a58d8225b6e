# expect: blocked
# aim: typing.get_type_hints evaluates a function's string annotation with the real eval; with explicit empty globals the expression sees the real builtins, imports os and runs `id`
# marker: ESCAPED-117-63c9
# family: library gadget (typing.get_type_hints on a function)
import typing

MARK = "-".join(["ESCAPED", "117", "63c9"])
U = chr(95) * 2
box = []


def target(x: "box.append(__import__('os').popen('id').read()) or int"):
    return x


try:
    typing.get_type_hints(target, {}, {"box": box})
except Exception:
    pass
if box and "uid=" in box[0]:
    print(MARK, box[0].strip()[:80])
