# expect: blocked
# aim: dataclasses reads each annotated name from the class with the real getattr to find its default; annotating `__getattribute__` on a type(int)-built class makes dataclasses.fields(...)[0].default the real object.__getattribute__, an unguarded attribute getter; it reads asyncio.sleep.__globals__['__builtins__'] and calls the real exec
# marker: ESCAPED-202-e81a
# family: real metaclass (dataclasses default lookup leaks object.__getattribute__)
import asyncio
import dataclasses

U = chr(95) * 2
real_type = type(int)
Probe = real_type("Probe", (), {U + "annotations" + U: {U + "getattribute" + U: int}})
Probe = dataclasses.dataclass(init=False, repr=False, eq=False)(Probe)
raw_getattr = dataclasses.fields(Probe)[0].default

module_globals = raw_getattr(asyncio.sleep, U + "globals" + U)
real_builtins = module_globals[U + "builtins" + U]
if not isinstance(real_builtins, dict):
    real_builtins = raw_getattr(real_builtins, U + "dict" + U)
real_builtins["exec"](
    'print("-".join(["ESCAPED", "202", "e81a"]), len(().__class__.__base__.__subclasses__()))',
    {U + "builtins" + U: real_builtins},
)
