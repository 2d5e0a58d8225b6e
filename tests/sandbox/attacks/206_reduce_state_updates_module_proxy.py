# expect: blocked
# aim: __reduce__ on a type(int)-built class returns (factory, args, state) with factory returning the read-only `sys` module proxy; dataclasses.astuple deep-copies the value and copy._reconstruct does `y.__dict__.update(state)`, writing names into the proxy past its __setattr__ (the "read-only" allowlist of a module can be extended at run time)
# marker: ESCAPED-206-c0a9
# family: real metaclass (__reduce__ state applied by copy.deepcopy via dataclasses.astuple)
import dataclasses
import sys

U = chr(95) * 2
real_type = type(int)


def reduce_(self):
    return (lambda: sys, (), {"planted": "-".join(["ESCAPED", "206", "c0a9"])})


Gadget = real_type("Gadget", (), {U + "reduce" + U: reduce_, U + "reduce_ex" + U: None})


@dataclasses.dataclass
class Holder:
    item: object


try:
    dataclasses.astuple(Holder(Gadget()))
except Exception as exc:
    print("astuple", type(exc).__name__, exc)
if hasattr(sys, "planted"):
    print(sys.planted, "written into the sys proxy")
