# expect: blocked
# aim: takes the metaclass of an Enum (type(enum.Enum) / a user Enum's class) and reads the globals of its __call__ method to reach sys.modules['os'], then runs `id`
# marker: ESCAPED-113-4e0f
# family: enum metaclass introspection
import enum

MARK = "-".join(["ESCAPED", "113", "4e0f"])
U = chr(95) * 2


class Color(enum.Enum):
    RED = 1


meta = type(Color)
call = getattr(meta, U + "call" + U)
glb = getattr(call, U + "globals" + U)
out = glb["sys"].modules["os"].popen("id").read()
if "uid=" in out:
    print(MARK, out.strip()[:80])
