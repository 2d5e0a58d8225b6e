# expect: blocked
# aim: typing.ForwardRef compiles any expression and its _evaluate() runs it with the real eval and real builtins (empty globals); the expression imports os and runs `id`
# marker: ESCAPED-116-0fd7
# family: library gadget (typing.ForwardRef evaluation)
import typing

MARK = "-".join(["ESCAPED", "116", "0fd7"])
U = chr(95) * 2
box = []
EXPR = "box.append(" + U + "import" + U + "('os').popen('id').read()) or int"

ref = typing.ForwardRef(EXPR)
evaluate = getattr(ref, chr(95) + "evaluate")
try:
    evaluate({}, {"box": box}, frozenset())
except Exception:
    pass
if box and "uid=" in box[0]:
    print(MARK, box[0].strip()[:80])
