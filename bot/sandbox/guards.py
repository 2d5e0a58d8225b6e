"""Layer 1, run time: the guard functions RestrictedPython's rewritten code calls.

RestrictedPython rewrites `a.b` into `_getattr_(a, "b")`, `a.b = c` into
`_write_(a).b = c`, `for x in y` into `for x in _getiter_(y)` and so on; this
module supplies those hooks. Frames leaking through tracebacks, tasks and
generators, format-string attribute walks and real module objects are refused
here whatever path reached them.
"""

from __future__ import annotations

import _string
import asyncio
import collections
import logging
import operator
import string
import types
import weakref

from .names import attribute_allowed

# What a snippet may use on an event loop: scheduling and lifecycle, no sockets,
# pipes, subprocesses, signal handlers or file descriptors.
LOOP_ATTRIBUTES = frozenset(
    {
        "time",
        "call_soon",
        "call_later",
        "call_at",
        "call_soon_threadsafe",
        "create_future",
        "create_task",
        "run_in_executor",
        "run_until_complete",
        "run_forever",
        "stop",
        "close",
        "is_running",
        "is_closed",
        "get_debug",
        "set_debug",
        "slow_callback_duration",
        "set_exception_handler",
        "get_exception_handler",
        "default_exception_handler",
        "call_exception_handler",
        "get_task_factory",
        "set_task_factory",
        "shutdown_asyncgens",
        "shutdown_default_executor",
    }
)

# Plain containers, and log records (logging filters edit them, a documented pattern).
WRITABLE_TYPES = (dict, list, bytearray, set, collections.deque, logging.LogRecord)

_user_classes: weakref.WeakSet[type] = weakref.WeakSet()


def _refuse(name: str) -> AttributeError:
    return AttributeError(f"attribute {name!r} is not available in the sandbox")


class _GuardedFormatter(string.Formatter):
    """str.format with every `{0.attr}` / `{0[key]}` step going through the guards."""

    def get_field(self, field_name, args, kwargs):
        first, rest = _string.formatter_field_name_split(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attribute, key in rest:
            obj = guarded_getattr(obj, key) if is_attribute else guarded_getitem(obj, key)
        return obj, first


_FORMATTER = _GuardedFormatter()


def safe_format(template: str, /, *args, **kwargs) -> str:
    if not isinstance(template, str):
        raise TypeError("format() needs a str template")
    return _FORMATTER.vformat(template, args, kwargs)


def safe_format_map(template: str, mapping, /) -> str:
    if not isinstance(template, str):
        raise TypeError("format_map() needs a str template")
    return _FORMATTER.vformat(template, (), mapping)


def _bind(function, template):
    def bound(*args, **kwargs):
        return function(template, *args, **kwargs)

    return bound


_SUPER_SELF = vars(super)["__self__"]
_SUPER_CLASS = vars(super)["__thisclass__"]
# Harmless strings every object may show, event loops included.
ALWAYS_READABLE = frozenset({"__name__", "__qualname__", "__doc__", "__module__"})


def is_loop_related(obj) -> bool:
    """An event loop, a loop class, or a super() proxy over one, judged by the
    object's real type: `isinstance` would ask the object (a super() proxy of a
    loop says it is a `super`)."""
    if type(obj) is super:
        proxied = _SUPER_SELF.__get__(obj)
        if proxied is None:
            return issubclass(_SUPER_CLASS.__get__(obj), asyncio.AbstractEventLoop)
        obj = proxied
    if issubclass(type(obj), type):
        return issubclass(obj, asyncio.AbstractEventLoop)
    return issubclass(type(obj), asyncio.AbstractEventLoop)


def _loop_method(value) -> bool:
    """A bound method of a loop that the loop's own filter would refuse."""
    if type(value) is not types.MethodType:
        return False
    return is_loop_related(value.__self__) and value.__func__.__name__ not in LOOP_ATTRIBUTES


def guarded_getattr(obj, name, *default):
    if type(name) is not str:
        raise TypeError("attribute name must be a string")
    if not attribute_allowed(name):
        if default:
            return default[0]
        raise _refuse(name)
    if name in ("format", "format_map") and (
        isinstance(obj, str) or (isinstance(obj, type) and issubclass(obj, str))
    ):
        function = safe_format if name == "format" else safe_format_map
        return _bind(function, obj) if isinstance(obj, str) else function
    if name not in LOOP_ATTRIBUTES and name not in ALWAYS_READABLE and is_loop_related(obj):
        if default:
            return default[0]
        raise _refuse(name)
    value = getattr(obj, name, *default)
    if _loop_method(value):
        raise _refuse(name)
    if name in ("format", "format_map"):
        # Also catches str's own methods reached another way, e.g. through
        # super() on an instance of a str subclass.
        if value is str.format or value is str.format_map:
            return safe_format if name == "format" else safe_format_map
        owner = getattr(value, "__self__", None)
        if type(value) is types.BuiltinMethodType and isinstance(owner, str):
            return _bind(safe_format if name == "format" else safe_format_map, owner)
    if isinstance(value, types.ModuleType):
        # Real modules are only ever handed out as proxies by the import hook.
        raise _refuse(name)
    return value


def guarded_hasattr(obj, name) -> bool:
    try:
        guarded_getattr(obj, name)
    except AttributeError:
        return False
    return True


def guarded_getitem(obj, key):
    return obj[key]


def remember_user_class(cls: type) -> None:
    """Classes a snippet defines may be written to (see guarded_write)."""
    _user_classes.add(cls)


def is_user_class(cls) -> bool:
    return isinstance(cls, type) and any(base in _user_classes for base in cls.__mro__)


def guarded_write(obj):
    """Objects a snippet may modify: its own classes and instances, plain containers."""
    if isinstance(obj, WRITABLE_TYPES) or is_user_class(obj) or is_user_class(type(obj)):
        return obj
    raise TypeError(f"cannot modify {type(obj).__name__!r} objects in the sandbox")


def guarded_setattr(obj, name, value) -> None:
    if not attribute_allowed(name) or name.startswith("__"):
        raise _refuse(name)
    setattr(guarded_write(obj), name, value)


def guarded_delattr(obj, name) -> None:
    if not attribute_allowed(name) or name.startswith("__"):
        raise _refuse(name)
    delattr(guarded_write(obj), name)


_INPLACE = {
    "+=": operator.iadd,
    "-=": operator.isub,
    "*=": operator.imul,
    "/=": operator.itruediv,
    "%=": operator.imod,
    "**=": operator.ipow,
    "<<=": operator.ilshift,
    ">>=": operator.irshift,
    "|=": operator.ior,
    "^=": operator.ixor,
    "&=": operator.iand,
    "//=": operator.ifloordiv,
    "@=": operator.imatmul,
}


def inplace_var(op: str, target, value):
    return _INPLACE[op](target, value)


def augment_attribute(obj, name: str, op: str, value) -> None:
    result = _INPLACE[op](guarded_getattr(obj, name), value)
    setattr(guarded_write(obj), name, result)


def augment_item(obj, key, op: str, value) -> None:
    result = _INPLACE[op](obj[key], value)
    guarded_write(obj)[key] = result


def guarded_iter(obj):
    """The single choke point for iteration (`for`, comprehensions, C-iterating builtins).

    Every object a snippet can reach is already filtered by the attribute and
    import guards, so iterating it hands out nothing new; keeping one hook
    means a future rule needs adding in one place only. Something not iterable
    at all comes back unchanged, so that CPython's own `for` raises its usual
    error at its usual place.
    """
    kind = type(obj)
    if not hasattr(kind, "__iter__") and not hasattr(kind, "__getitem__"):
        return obj
    return iter(obj)


def guarded_aiter(obj):
    """The choke point for `async for` and async comprehensions. It hands the
    object back unchanged so CPython's own `async for` raises its usual errors."""
    return obj


def guarded_unpack_sequence(obj, spec, getiter):
    """Tuple unpacking through the iteration guard (nested targets too), raising the
    same errors as CPython's own unpacking."""
    kind = type(obj)
    if not hasattr(kind, "__iter__") and not hasattr(kind, "__getitem__"):
        # Not iterable at all: nothing to guard, and CPython's own unpacking
        # then raises its usual error at the usual place.
        return obj
    iterator = getiter(obj)
    items = list(iterator)
    if len(items) < spec["min_len"]:
        return items  # the unpacking itself then reports "not enough values"
    for index, child in spec["childs"]:
        items[index] = guarded_unpack_sequence(items[index], child, getiter)
    return items


def guarded_iter_unpack_sequence(iterable, spec, getiter):
    for item in getiter(iterable):
        yield guarded_unpack_sequence(item, spec, getiter)


async def guarded_aiter_unpack_sequence(iterable, spec, getiter):
    async for item in iterable:
        yield guarded_unpack_sequence(item, spec, getiter)
