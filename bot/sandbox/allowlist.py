"""Layer 2's data: which modules a snippet may import, and what each exposes.

Each module exposes its documented public API (its `__all__`, or its public
names where it has none), minus the exclusions listed here with the reason for
each, plus a few stand-ins that replace a gadget with a safe twin. The proxies
in modules.py are built from this.
"""

from __future__ import annotations

import functools
import logging

PROCESSES = "starts processes, which snippets cannot"
NETWORK = "opens network or Unix sockets, which snippets cannot"
LOOP_SWAP = "replaces how event loops are made with code of the snippet's own"
METACLASS = "is a metaclass: it builds classes from any namespace"
EVALUATES = "evaluates strings with the real eval"
WALKS = "reads any attribute (dunders included) by name"
WRITES = "writes attributes or items past the write guard"
FILES = "touches files or directories beyond the run's own"
FORMATS = "formats with the real str.format, whose fields walk attributes"
BUILDS = "builds classes from names it is given"
PRIVATE = "private"

MODULES = (
    "asyncio",
    "math",
    "random",
    "time",
    "itertools",
    "functools",
    "operator",
    "collections",
    "dataclasses",
    "typing",
    "enum",
    "json",
    "re",
    "string",
    "datetime",
    "statistics",
    "contextlib",
    "textwrap",
    "logging",
    "concurrent.futures",
    "contextvars",
)

EXCLUDED: dict[str, dict[str, str]] = {
    "asyncio": {
        **dict.fromkeys(
            "create_subprocess_exec create_subprocess_shell AbstractChildWatcher "
            "FastChildWatcher MultiLoopChildWatcher PidfdChildWatcher SafeChildWatcher "
            "ThreadedChildWatcher get_child_watcher set_child_watcher".split(),
            PROCESSES,
        ),
        **dict.fromkeys(
            "open_connection open_unix_connection start_server start_unix_server".split(), NETWORK
        ),
        **dict.fromkeys(
            "get_event_loop_policy set_event_loop_policy AbstractEventLoopPolicy "
            "DefaultEventLoopPolicy BaseEventLoop SelectorEventLoop EventLoop".split(),
            LOOP_SWAP,
        ),
    },
    "time": {
        "clock_settime": "sets the system clock",
        "clock_settime_ns": "sets the system clock",
        "tzset": "changes the process's time zone from the environment",
    },
    "functools": {
        "singledispatch": EVALUATES,
        "singledispatchmethod": EVALUATES,
        "update_wrapper": WALKS,
        "wraps": WALKS,
    },
    "operator": {"attrgetter": WALKS, "methodcaller": WALKS, "setitem": WRITES, "delitem": WRITES},
    "collections": {"UserString": FORMATS},
    "dataclasses": {"make_dataclass": BUILDS},
    "typing": {
        "ForwardRef": EVALUATES,
        "get_type_hints": EVALUATES,
        "TypedDict": BUILDS,
        "Type": "its origin is the real type, " + METACLASS,
        "no_type_check": WRITES,
        "no_type_check_decorator": WRITES,
        "dataclass_transform": WRITES,
        "evaluate_forward_ref": EVALUATES,
    },
    "enum": {
        "EnumType": METACLASS,
        "EnumMeta": METACLASS,
        "global_enum": "writes the members into a module's namespace",
        "pickle_by_enum_name": "pickling",
        "pickle_by_global_name": "pickling",
    },
    "string": {"Formatter": FORMATS},
    "contextlib": {"chdir": FILES},
    "logging": {
        "FileHandler": FILES,
        "config": FILES,
        "handlers": NETWORK,
        "fileConfig": FILES,
        "setLoggerClass": LOOP_SWAP,
        "setLogRecordFactory": LOOP_SWAP,
        "logProcesses": PRIVATE,
        "logThreads": PRIVATE,
        "logMultiprocessing": PRIVATE,
        "raiseExceptions": PRIVATE,
    },
    "concurrent.futures": {"ProcessPoolExecutor": PROCESSES},
}

# Documented public names a module leaves out of its __all__ (3.11's asyncio
# forgot TaskGroup).
EXTRA = {"contextlib": ("AsyncContextDecorator",), "asyncio": ("TaskGroup",)}


class ProcessPoolExecutor:
    """concurrent.futures.ProcessPoolExecutor in the sandbox: a clear refusal."""

    def __init__(self, *args, **kwargs) -> None:
        raise NotImplementedError(
            "ProcessPoolExecutor is not available in the sandbox (snippets cannot start "
            "processes); use concurrent.futures.ThreadPoolExecutor or asyncio.to_thread"
        )


_SAFE_ASSIGNED = ("__module__", "__name__", "__qualname__", "__doc__")


def update_wrapper(wrapper, wrapped, assigned=None, updated=None):
    """functools.update_wrapper that copies only the name, module and docstring
    (the real one copies any attribute it is told to, dunders included)."""
    return functools.update_wrapper(wrapper, wrapped, assigned=_SAFE_ASSIGNED, updated=())


def wraps(wrapped, assigned=None, updated=None):
    return functools.partial(update_wrapper, wrapped=wrapped)


def basic_config(**options) -> None:
    """logging.basicConfig, to the run's own stdout or stderr only."""
    if options.get("filename") is not None or options.get("handlers") is not None:
        raise ValueError("in the sandbox, logging writes to stderr or stdout only")
    logging.basicConfig(**options)


STAND_INS = {
    "concurrent.futures": {"ProcessPoolExecutor": ProcessPoolExecutor},
    "functools": {"update_wrapper": update_wrapper, "wraps": wraps},
    "logging": {"basicConfig": basic_config},
}


def public_names(name: str, module) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        names = [attr for attr in dir(module) if not attr.startswith("_")]
    names = [*names, *(n for n in EXTRA.get(name, ()) if hasattr(module, n))]
    excluded = EXCLUDED.get(name, {})
    return sorted({n for n in names if n not in excluded and not n.startswith("_")})
