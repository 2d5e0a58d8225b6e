"""Layer 2: imports. Each allowlisted module (allowlist.py) is handed over as a
read-only proxy holding only its public names: never submodules or the modules
it imports (asyncio.base_events, contextlib.os, typing.sys...), never the
gadgets allowlist.py excludes with their reasons.
"""

from __future__ import annotations

import dis
import enum
import importlib
import linecache
import logging
import sys
import time

from . import timeline
from .allowlist import MODULES, STAND_INS, public_names
from .ending import FILENAME
from .guards import safe_format_map

# Modules asyncio and friends import lazily at run time: loaded in the warm
# worker so the child (and its audit hook) never needs to import anything.
PRELOAD = (
    "asyncio",
    "concurrent.futures.thread",
    "queue",
    "_strptime",
    "tracemalloc",
    "linecache",
    "tokenize",
    "traceback",
    "warnings",
    "logging",
    "encodings.idna",
    "encodings.utf_16",
    "encodings.utf_32",
    "encodings.latin_1",
    "encodings.ascii",
    "encodings.cp1252",
    "encodings.punycode",
    "unicodedata",
    "fractions",
    "decimal",
)


# Preloaded where the running version has them: 3.13's traceback imports the
# built-in `_suggestions` the first time it formats an AttributeError, NameError
# or ImportError ("Did you mean"), which the audit hook would refuse by then.
PRELOAD_IF_PRESENT = ("_suggestions",)


class ModuleProxy:
    """A read-only stand-in for an allowlisted module: only the listed names exist.

    A missing name raises what CPython raises for a real module: AttributeError
    (with `name` and `obj`, so tracebacks offer "Did you mean"), or, for
    `from module import name` (the only direct attribute access a policy-compiled
    snippet makes), ImportError. Raising ImportError there also keeps CPython from
    falling back to sys.modules["asyncio.base_events"] and the like.
    """

    def __getattr__(self, name: str):
        module, path = _PROXY_INFO.get(id(self), ("?", None))
        if _importing_from(sys._getframe(1)):
            where = f" ({path})" if path else " (unknown location)"
            error = ImportError(f"cannot import name {name!r} from {module!r}{where}")
            error.name, error.path = module, path
            raise error
        raise AttributeError(f"module {module!r} has no attribute {name!r}", name=name, obj=self)

    def __dir__(self) -> list[str]:
        return sorted(object.__getattribute__(self, "__dict__"))

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError("modules are read-only in the sandbox")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("modules are read-only in the sandbox")

    def __repr__(self) -> str:
        module, path = _PROXY_INFO.get(id(self), ("?", None))
        return f"<module {module!r} from {path!r}>" if path else f"<module {module!r} (built-in)>"


_PROXY_INFO: dict[int, tuple[str, str | None]] = {}
_IMPORT_FROM = dis.opmap["IMPORT_FROM"]


def _importing_from(frame) -> bool:
    """Is this snippet frame executing `from module import name`?"""
    code = frame.f_code
    return code.co_filename == FILENAME and code.co_code[frame.f_lasti] == _IMPORT_FROM


def make_proxy(name: str, attributes: dict, path: str | None = None) -> ModuleProxy:
    proxy = object.__new__(ModuleProxy)
    object.__getattribute__(proxy, "__dict__").update(attributes)
    _PROXY_INFO[id(proxy)] = (name, path)
    return proxy


class StreamProxy:
    """sys.stdout / sys.stderr for snippets: write and flush, nothing that reaches a file."""

    __slots__ = ("_which",)

    def __init__(self, which: str) -> None:
        if which not in ("stdout", "stderr"):
            raise ValueError("which must be 'stdout' or 'stderr'")
        object.__setattr__(self, "_which", which)

    def write(self, text: str) -> int:
        return getattr(sys, self._which).write(text)

    def writelines(self, lines) -> None:
        getattr(sys, self._which).writelines(lines)

    def flush(self) -> None:
        getattr(sys, self._which).flush()

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:
        return "utf-8"


class InputProxy:
    """sys.stdin for snippets: the run's input, read only."""

    __slots__ = ()

    def read(self, size: int = -1) -> str:
        return sys.stdin.read(size)

    def readline(self, size: int = -1) -> str:
        return sys.stdin.readline(size)

    def readlines(self) -> list[str]:
        return sys.stdin.readlines()

    def __iter__(self):
        return iter(sys.stdin.readline, "")

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:
        return "utf-8"


def _sys_proxy() -> ModuleProxy:
    return make_proxy(
        "sys",
        {
            "__name__": "sys",
            "__doc__": sys.__doc__,
            "version": sys.version,
            "version_info": sys.version_info,
            "platform": sys.platform,
            "byteorder": sys.byteorder,
            "maxsize": sys.maxsize,
            "argv": ["snippet.py"],
            "stdin": InputProxy(),
            "stdout": StreamProxy("stdout"),
            "stderr": StreamProxy("stderr"),
            "exit": sys.exit,
        },
    )


def preload() -> None:
    for name in (*MODULES, *PRELOAD):
        importlib.import_module(name)
    for name in PRELOAD_IF_PRESENT:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError:
            pass


def _enum_names_checked(create):
    """Enum's functional API (`Enum("Color", {...})`) builds a class from names it
    is given; a dunder name there would define any special method (a
    `__reduce_ex__`, an `__init_subclass__`). Member names must be plain."""

    def _create_(cls, class_name, names, **options):
        if isinstance(names, str):
            listed = names.replace(",", " ").split()
        elif hasattr(names, "keys"):
            listed = list(names.keys())
        else:
            names = list(names)
            listed = [item if isinstance(item, str) else item[0] for item in names]
        for name in listed:
            if not isinstance(name, str) or not name.isidentifier() or name.startswith("_"):
                raise ValueError(f"invalid enum member name {name!r} in the sandbox")
        return create(cls, class_name, names, **options)

    return _create_


def _logging_braces_guarded() -> None:
    """logging's `{`-style formats call the real str.format on the record's fields,
    whose `{message.__class__}` walks attributes: format them through the guards."""

    def _format(self, record):
        values = (self._defaults or {}) | record.__dict__
        return safe_format_map(self._fmt, values)

    logging.StrFormatStyle._format = _format


def build_proxies() -> dict[str, ModuleProxy]:
    """One read-only proxy per allowlisted module (allowlist.py says what each holds)."""
    preload()
    timeline.prepare()  # before the time proxy takes time.sleep
    enum.EnumType._create_ = _enum_names_checked(enum.EnumType._create_)
    _logging_braces_guarded()
    proxies = {}
    for name in MODULES:
        module = sys.modules[name]
        listed = {attr: getattr(module, attr) for attr in public_names(name, module)}
        listed.update(STAND_INS.get(name, {}))
        listed.update(__name__=name, __doc__=module.__doc__)
        proxies[name] = make_proxy(name, listed, getattr(module, "__file__", None))
    for name in MODULES:
        package, _, child = name.rpartition(".")
        if package and package not in proxies:
            # `import concurrent.futures` binds `concurrent`, whose `futures` is the proxy.
            module = sys.modules[package]
            attributes = {child: proxies[name], "__name__": package, "__doc__": module.__doc__}
            proxies[package] = make_proxy(package, attributes, getattr(module, "__file__", None))
    proxies["sys"] = _sys_proxy()
    return proxies


def make_importer(proxies: dict[str, ModuleProxy]):
    allowed = ", ".join(sorted(proxies))

    def guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
        if type(fromlist) is list and not fromlist and level == 0:
            # CPython's PyImport_Import (used by C code, e.g. to show a warning)
            # calls __import__ with an empty list as fromlist (import statements pass
            # None or a tuple) and then reads sys.modules itself,
            # ignoring what we return: returning nothing hands nothing out.
            return None
        if level == 0 and "." in name and not fromlist and name in proxies:
            name = name.split(".")[0]  # `import a.b` binds `a`
        proxy = proxies.get(name) if level == 0 else None
        if proxy is None:
            error = ImportError(
                f"module {name!r} is not available in the sandbox (allowed: {allowed})"
            )
            error.name = name
            raise error
        return proxy

    return guarded_import


# Packages whose source lines asyncio's own log messages show.
_CACHED_SOURCES = frozenset({"asyncio", "concurrent", "threading", "contextlib", "functools"})


def prime_caches() -> None:
    """Do now, once, what would otherwise read files inside the jail later."""
    time.localtime()
    time.strptime("2024", "%Y")
    # Source lines for the stdlib frames asyncio's own log messages show, read
    # once here rather than in every child.
    for name, module in list(sys.modules.items()):
        filename = getattr(module, "__file__", None)
        if name.split(".")[0] in _CACHED_SOURCES and filename and filename.endswith(".py"):
            linecache.getline(filename, 1)
