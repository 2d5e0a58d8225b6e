# expect: blocked
# aim: binds the name _write_ with `except* ... as _write_` (TryStar, which stock RestrictedPython refuses and a policy must add with every check of Try) to a callable ExceptionGroup subclass returning its argument, replacing the write guard, and mutates a shared stdlib module
# marker: ESCAPED-158-7d2c
# family: policy (guard-hook shadowing, except* target)
import dataclasses
import math

MARK = "-".join(["ESCAPED", "158", "7d2c"])
CALL = chr(95) * 2 + "call" + chr(95) * 2


def identity(self, ob):
    return ob


try:
    Ident = type("Ident", (ExceptionGroup,), {CALL: identity})
except Exception:
    Ident = dataclasses.make_dataclass(
        "Ident", [], bases=(ExceptionGroup,), namespace={CALL: identity}
    )


def poison():
    try:
        raise Ident("all match", [ValueError("v")])
    except* ValueError as _write_:  # noqa: F841
        math.tau = 158


poison()
if math.tau == 158:
    print(MARK, "module attribute overwritten through _write_ bound by except*")
