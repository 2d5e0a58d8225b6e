# expect: blocked
# aim: a type(int)-built class defines __reduce_ex__ (a dunder the policy never lets a class body define); dataclasses.asdict deep-copies field values, and copy._reconstruct applies the returned state with the real setattr: `setattr(json.dumps, "__kwdefaults__", ...)` on a stdlib function the write guard refuses, changing how the sandbox itself serialises its report
# marker: ESCAPED-205-3e77
# family: real metaclass (__reduce_ex__ state applied by copy.deepcopy via dataclasses.asdict)
import dataclasses
import json

U = chr(95) * 2
real_type = type(int)

defaults = {
    "skipkeys": False,
    "ensure_ascii": True,
    "check_circular": True,
    "allow_nan": True,
    "cls": None,
    "indent": 7,
    "separators": None,
    "default": None,
    "sort_keys": False,
}


def reduce_ex(self, protocol):
    return (lambda: json.dumps, (), (None, {U + "kwdefaults" + U: defaults}))


Gadget = real_type("Gadget", (), {U + "reduce_ex" + U: reduce_ex})


@dataclasses.dataclass
class Holder:
    item: object


dataclasses.asdict(Holder(Gadget()))
if "\n       1" in json.dumps([1]):
    print("-".join(["ESCAPED", "205", "3e77"]), "json.dumps defaults rewritten")
