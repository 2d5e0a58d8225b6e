# expect: blocked
# aim: type(int) is the real `type`, so a 3-argument call builds a class with any namespace, here an `__annotations__` key that is Python source; dataclasses pastes field names unchecked into the source of __repr__ it exec()s with the real builtins of sys.modules[cls.__module__], so the field name runs exec() on a payload outside RestrictedPython (proven by reading object.__subclasses__())
# marker: ESCAPED-200-7c1e
# family: real metaclass (type(x) is type; dataclasses source injection)
import dataclasses

PAYLOAD = """
subclasses = ().__class__.__base__.__subclasses__()
print("-".join(["ESCAPED", "200", "7c1e"]), len(subclasses))
"""

real_type = type(int)
# Valid inside the generated f-string: f"(NAME={self.NAME!r})" and in (self.NAME,)
field_name = "__class__ and exec(self.payload)"
U = chr(95) * 2
Victim = real_type("Victim", (), {U + "annotations" + U: {field_name: int}, "payload": PAYLOAD})
Victim = dataclasses.dataclass(init=False, eq=False)(Victim)
print(repr(Victim()))
