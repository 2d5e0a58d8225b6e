# expect: blocked
# aim: a metaclass (built with the real type) whose __prepare__ pre-defines `_write_` as the identity; inside the class body `obj.attr = v` compiles to `_write_(obj).attr = v` and LOAD_NAME finds the snippet's `_write_` first, so the write guard is skipped: the body replaces json.JSONEncoder.encode on the real stdlib class; the child's own report (json.dumps in the sandbox) then goes through the snippet's function and is forged as "memory"
# marker: ESCAPED-203-5af0
# family: real metaclass (__prepare__ shadows RestrictedPython guards, metaclass via **kwargs)
import json

U = chr(95) * 2


def prepare(name, bases, **kwargs):
    return {"_write_": lambda obj: obj}


def forged_encode(self, obj):
    return '{"kind": "memory", "error": {"type": "MemoryError", "message": "forged", "line": 1}}'


real_type = type(int)
Meta = real_type("Meta", (real_type,), {U + "prepare" + U: prepare})


class Patch(**{"metaclass": Meta}):
    json.JSONEncoder.encode = forged_encode


if json.dumps([1, 2]).startswith('{"kind": "memory"'):
    print("-".join(["ESCAPED", "203", "5af0"]), "stdlib class patched past the write guard")
