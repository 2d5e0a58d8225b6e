"""Which names and attributes snippet code may use: one home for the lists the
policy (compile time) and the guards (run time) both apply."""

from __future__ import annotations

from RestrictedPython.transformer import INSPECT_ATTRIBUTES

# Dunder names a snippet may *read* as attributes: common in teaching code
# (super().__init__(...), type(x).__name__) and harmless on their own, because
# every dunder that leads further (__globals__, __class__, __dict__...) stays refused.
READABLE_DUNDERS = frozenset(
    {
        "__init__",
        "__name__",
        "__qualname__",
        "__doc__",
        "__module__",
        "__repr__",
        "__str__",
        "__post_init__",
        "__enter__",
        "__exit__",
        "__aenter__",
        "__aexit__",
    }
)

# Dunder methods a class body may *define*.
DEFINABLE_DUNDERS = frozenset(
    {
        "__init__",
        "__post_init__",
        "__repr__",
        "__str__",
        "__format__",
        "__hash__",
        "__bool__",
        "__len__",
        "__contains__",
        "__iter__",
        "__next__",
        "__aiter__",
        "__anext__",
        "__await__",
        "__enter__",
        "__exit__",
        "__aenter__",
        "__aexit__",
        "__call__",
        "__getitem__",
        "__setitem__",
        "__delitem__",
        "__eq__",
        "__ne__",
        "__lt__",
        "__le__",
        "__gt__",
        "__ge__",
        "__add__",
        "__radd__",
        "__sub__",
        "__rsub__",
        "__mul__",
        "__rmul__",
        "__truediv__",
        "__floordiv__",
        "__mod__",
        "__neg__",
        "__abs__",
        "__int__",
        "__float__",
        "__index__",
    }
)

# Frame, code and stack access: refused as attribute names at compile time and
# again at run time by the guarded getattr.
BLOCKED_ATTRIBUTES = frozenset(INSPECT_ATTRIBUTES) | {
    "f_lineno",
    "f_lasti",
    "get_stack",
    "print_stack",
    "cr_suspended",
    "gi_suspended",
    "ag_running",
}

RESERVED_NAMES = frozenset({"print", "printed", "builtins", "breakpoint"})


# Public API that starts with an underscore: namedtuple's documented methods.
PUBLIC_UNDERSCORED = frozenset({"_asdict", "_replace", "_fields", "_field_defaults", "_make"})


def attribute_allowed(name: str) -> bool:
    if name in BLOCKED_ATTRIBUTES or name.endswith("__roles__"):
        return False
    return (
        not name.startswith("_")
        or name == "_"
        or name in READABLE_DUNDERS
        or name in PUBLIC_UNDERSCORED
    )
