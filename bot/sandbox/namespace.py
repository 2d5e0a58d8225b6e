"""Layer 1, run time: what a snippet's module namespace starts with, namely the
hooks RestrictedPython's rewritten code calls and a builtins table in which
every name was added on purpose.

Three builtins are the sandbox's own, because the real ones are gadgets:
`type` (the real one builds classes from any namespace, and is the metaclass
every class-based escape starts from), `__build_class__` (no metaclass, and it
remembers the snippet's classes for the write guard) and the `except*` check
(CPython trusts a user-overridden ExceptionGroup.split, CVE-2025-22153).
"""

from __future__ import annotations

import _sitebuiltins
import builtins

from RestrictedPython.Guards import safe_builtins

from . import guards


def apply(function, /, *args, **kwargs):
    return function(*args, **kwargs)


def build_class(function, name, /, *bases, **keywords):
    """`__build_class__` without metaclasses, remembering the snippet's classes."""
    if "metaclass" in keywords:
        raise TypeError("metaclasses are not available in the sandbox")
    cls = builtins.__build_class__(function, name, *bases, **keywords)
    if isinstance(cls, type):
        guards.remember_user_class(cls)
    return cls


class SafeType:
    """The sandbox's `type`. type(x) answers x's class, except when x is itself a
    class: its class is a metaclass, which builds classes from any namespace, so
    the answer is this object, which stands for `type` (repr, name, isinstance
    and issubclass checks) but cannot build or be subclassed."""

    __slots__ = ()

    def __call__(self, *args):
        if len(args) != 1:
            raise TypeError("type() takes 1 argument in the sandbox (it cannot build classes)")
        kind = type(args[0])
        return self if issubclass(kind, type) or kind is SafeType else kind

    def __instancecheck__(self, obj) -> bool:
        return isinstance(obj, type)

    def __subclasscheck__(self, cls) -> bool:
        return issubclass(cls, type)

    def __mro_entries__(self, bases):
        raise TypeError("metaclasses are not available in the sandbox")

    def __getattr__(self, name: str):
        if name in ("__name__", "__qualname__"):
            return "type"
        if name == "__doc__":
            return type.__doc__
        raise AttributeError(f"type object 'type' has no attribute {name!r} in the sandbox")

    def __repr__(self) -> str:
        return "<class 'type'>"


SAFE_TYPE = SafeType()
_GROUP_METHODS = ("split", "subgroup")


def check_group(group: BaseException) -> None:
    """Called (by code the policy adds) before an `except*` clause matches a group:
    CPython calls the group's `split` and trusts what it returns, so `split` and
    `subgroup` must be BaseExceptionGroup's own. (A user `derive` is fine: CPython
    checks what it returns.)"""
    if not isinstance(group, BaseExceptionGroup):
        return
    for name in _GROUP_METHODS:
        if name in getattr(group, "__dict__", {}):
            raise TypeError(f"an exception group's {name}() cannot be replaced in the sandbox")
        for klass in type(group).__mro__:
            if name in vars(klass):
                if klass is not BaseExceptionGroup:
                    raise TypeError(
                        f"overriding ExceptionGroup.{name}() is not supported in the sandbox"
                    )
                break


def _iterating(function):
    """Wrap a builtin that iterates its first argument so the iteration uses the guard."""

    def wrapper(iterable, /, *args, **kwargs):
        return function(guards.guarded_iter(iterable), *args, **kwargs)

    wrapper.__name__ = wrapper.__qualname__ = function.__name__
    return wrapper


def _min_max(function):
    def wrapper(*args, **kwargs):
        if len(args) == 1:
            args = (guards.guarded_iter(args[0]),)
        return function(*args, **kwargs)

    wrapper.__name__ = wrapper.__qualname__ = function.__name__
    return wrapper


def _many(function):
    def wrapper(first, /, *iterables, **kwargs):
        return function(first, *[guards.guarded_iter(it) for it in iterables], **kwargs)

    wrapper.__name__ = wrapper.__qualname__ = function.__name__
    return wrapper


def _zip(*iterables, strict=False):
    return zip(*[guards.guarded_iter(it) for it in iterables], strict=strict)


def make_builtins(importer) -> dict:
    """The builtins a snippet sees, each one added on purpose."""
    table = {
        name: value
        for name, value in safe_builtins.items()
        if name not in ("__build_class__", "setattr", "delattr", "_getattr_")
    }
    for name in dir(builtins):
        value = getattr(builtins, name)
        # Public exception classes only: 3.13 has a private one (_IncompleteInputError).
        if isinstance(value, type) and issubclass(value, BaseException) and name[0] != "_":
            table[name] = value
    table.update(
        {
            "__build_class__": build_class,
            "__import__": importer,
            "print": builtins.print,
            "input": builtins.input,  # reads the run's own stdin (a StringIO)
            # Types are handed over as they are so isinstance() and subclassing work.
            "list": list,
            "dict": dict,
            "set": set,
            "frozenset": frozenset,
            "tuple": tuple,
            "bytes": bytes,
            "bytearray": bytearray,
            "object": object,
            "property": property,
            "staticmethod": staticmethod,
            "classmethod": classmethod,
            "super": super,
            "enumerate": enumerate,
            "reversed": reversed,
            "NotImplemented": NotImplemented,
            "format": format,
            "ascii": ascii,
            "bin": bin,
            "type": SAFE_TYPE,
            "getattr": guards.guarded_getattr,
            "hasattr": guards.guarded_hasattr,
            "setattr": guards.guarded_setattr,
            "delattr": guards.guarded_delattr,
            "iter": _min_max(iter),
            "next": next,
            "aiter": aiter,
            "anext": anext,
            "sorted": _iterating(sorted),
            "sum": _iterating(sum),
            "any": _iterating(any),
            "all": _iterating(all),
            "min": _min_max(min),
            "max": _min_max(max),
            "map": _many(map),
            "filter": _many(filter),
            "zip": _zip,
            # What the site module adds for `python3 snippet.py`.
            "exit": _sitebuiltins.Quitter("exit", "Ctrl-D (i.e. EOF)"),
            "quit": _sitebuiltins.Quitter("quit", "Ctrl-D (i.e. EOF)"),
        }
    )
    return table


def guard_globals(importer) -> dict:
    """Names RestrictedPython's rewritten code calls, plus the builtins."""
    return {
        "__builtins__": make_builtins(importer),
        "__name__": "__main__",
        "_getattr_": guards.guarded_getattr,
        "_getitem_": guards.guarded_getitem,
        "_write_": guards.guarded_write,
        "_getiter_": guards.guarded_iter,
        "_getaiter_": guards.guarded_aiter,
        "_iter_unpack_sequence_": guards.guarded_iter_unpack_sequence,
        "_aiter_unpack_sequence_": guards.guarded_aiter_unpack_sequence,
        "_unpack_sequence_": guards.guarded_unpack_sequence,
        "_inplacevar_": guards.inplace_var,
        "_augattr_": guards.augment_attribute,
        "_augitem_": guards.augment_item,
        "_apply_": apply,
        "_check_group_": check_group,
        "_group_type_": BaseExceptionGroup,
    }
