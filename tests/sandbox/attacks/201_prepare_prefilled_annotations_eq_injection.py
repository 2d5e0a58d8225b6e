# expect: blocked
# aim: a metaclass built with the real type (type(int)) whose __prepare__ returns a namespace that already holds `__annotations__` with a Python-source key; the class statement passes it with `**{"metaclass": M}` (the policy only refuses a literal metaclass= keyword) and looks harmless; dataclass(eq=True) pastes the key into the exec()d source of __eq__, which runs with the real builtins when two instances are compared
# marker: ESCAPED-201-b4d2
# family: real metaclass (__prepare__ namespace; dataclasses source injection)
import dataclasses

U = chr(95) * 2
PAYLOAD = """
import os
print("-".join(["ESCAPED", "201", "b4d2"]), os.getuid())
"""


def prepare(name, bases, **kwargs):
    # The class body appends to this dict through SETUP_ANNOTATIONS.
    return {U + "annotations" + U: {"__class__ and exec(self.payload)": int}}


real_type = type(int)
Meta = real_type("Meta", (real_type,), {U + "prepare" + U: prepare})


class Point(**{"metaclass": Meta}):
    x: int = 0
    payload = PAYLOAD


Point = dataclasses.dataclass(init=False, repr=False)(Point)
print(Point() == Point())
