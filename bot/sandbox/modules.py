"""Layer 2: the import allowlist. Each module is handed over as a read-only proxy
that holds only the attributes listed here (an allowlist, never a denylist).

Left out on purpose: anything that reaches os/sys/subprocess/socket under a plain
name (asyncio.base_events, contextlib.os, typing.sys, dataclasses.builtins,
json.codecs...), and gadgets that read arbitrary attributes or evaluate strings
with the real builtins (functools.update_wrapper/wraps/singledispatch,
typing.get_type_hints/ForwardRef/TypedDict, dataclasses.make_dataclass,
operator.attrgetter/methodcaller, string.Formatter, collections.UserString).
"""

from __future__ import annotations

import dis
import enum
import importlib
import linecache
import sys
import time

from .ending import FILENAME

ALLOWED: dict[str, tuple[str, ...]] = {
    "asyncio": (
        "run Runner sleep create_task gather wait wait_for timeout timeout_at Timeout "
        "as_completed shield TaskGroup Task Future current_task all_tasks ensure_future "
        "wrap_future run_coroutine_threadsafe to_thread get_running_loop get_event_loop "
        "new_event_loop set_event_loop iscoroutine iscoroutinefunction isfuture "
        "Queue PriorityQueue LifoQueue QueueEmpty QueueFull Lock Event Condition Semaphore "
        "BoundedSemaphore Barrier BrokenBarrierError CancelledError TimeoutError "
        "InvalidStateError AbstractEventLoop FIRST_COMPLETED FIRST_EXCEPTION ALL_COMPLETED"
    ).split(),
    "math": (
        "pi e tau inf nan sqrt isqrt floor ceil trunc fabs factorial gcd lcm isclose isfinite "
        "isinf isnan log log2 log10 log1p exp expm1 pow sin cos tan asin acos atan atan2 sinh "
        "cosh tanh hypot degrees radians comb perm prod fsum dist copysign fmod modf frexp "
        "ldexp remainder"
    ).split(),
    "random": (
        "random randint randrange choice choices shuffle sample uniform gauss normalvariate "
        "expovariate triangular betavariate seed getrandbits Random"
    ).split(),
    "time": (
        "time time_ns monotonic monotonic_ns perf_counter perf_counter_ns process_time "
        "process_time_ns thread_time sleep strftime gmtime localtime ctime asctime mktime "
        "struct_time"
    ).split(),
    "itertools": (
        "count cycle repeat accumulate chain compress dropwhile filterfalse groupby islice "
        "pairwise starmap takewhile tee zip_longest product permutations combinations "
        "combinations_with_replacement"
    ).split(),
    "functools": (
        "partial partialmethod reduce lru_cache cache cached_property total_ordering cmp_to_key"
    ).split(),
    "operator": (
        "add sub mul truediv floordiv mod pow neg pos abs eq ne lt le gt ge not_ truth and_ "
        "or_ xor invert concat contains countOf indexOf getitem itemgetter iadd isub imul "
        "index is_ is_not lshift rshift matmul"
    ).split(),
    "collections": "deque defaultdict Counter OrderedDict namedtuple ChainMap".split(),
    "dataclasses": (
        "dataclass field fields asdict astuple replace is_dataclass FrozenInstanceError "
        "InitVar KW_ONLY MISSING"
    ).split(),
    "typing": (
        "Any Optional Union List Dict Tuple Set FrozenSet Callable Awaitable Coroutine "
        "AsyncIterator AsyncIterable AsyncGenerator Iterable Iterator Generator Sequence "
        "Mapping MutableMapping MutableSequence TypeVar Generic Protocol NamedTuple Literal "
        "Final ClassVar cast TYPE_CHECKING NoReturn Never Self Deque DefaultDict Counter "
        "runtime_checkable overload final"
    ).split(),
    "enum": "Enum IntEnum Flag IntFlag StrEnum auto unique".split(),
    "json": "dumps loads dump JSONDecodeError JSONEncoder JSONDecoder".split(),
    "re": (
        "compile match search fullmatch findall finditer sub subn split escape purge error "
        "Pattern Match IGNORECASE I MULTILINE M DOTALL S VERBOSE X ASCII A"
    ).split(),
    "string": (
        "ascii_letters ascii_lowercase ascii_uppercase digits hexdigits octdigits "
        "punctuation printable whitespace capwords Template"
    ).split(),
    "datetime": "date time datetime timedelta timezone tzinfo MINYEAR MAXYEAR UTC".split(),
    "statistics": (
        "mean fmean median median_low median_high median_grouped mode multimode stdev "
        "pstdev variance pvariance geometric_mean harmonic_mean quantiles StatisticsError"
    ).split(),
    "contextlib": (
        "contextmanager asynccontextmanager suppress closing aclosing nullcontext ExitStack "
        "AsyncExitStack AbstractContextManager AbstractAsyncContextManager"
    ).split(),
    "textwrap": "dedent indent wrap fill shorten TextWrapper".split(),
}

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
            "stdout": StreamProxy("stdout"),
            "stderr": StreamProxy("stderr"),
            "exit": sys.exit,
        },
    )


def preload() -> None:
    for name in (*ALLOWED, *PRELOAD):
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


def build_proxies() -> dict[str, ModuleProxy]:
    preload()
    enum.EnumType._create_ = _enum_names_checked(enum.EnumType._create_)
    proxies = {}
    for name, attributes in ALLOWED.items():
        module = sys.modules[name]
        listed = {attr: getattr(module, attr) for attr in attributes if hasattr(module, attr)}
        listed.update(__name__=name, __doc__=module.__doc__)
        proxies[name] = make_proxy(name, listed, getattr(module, "__file__", None))
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
