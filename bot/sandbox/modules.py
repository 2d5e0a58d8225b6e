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

import importlib
import sys

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
        "Final ClassVar cast TYPE_CHECKING NoReturn Never Self Type Deque DefaultDict Counter "
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
    "unicodedata",
    "fractions",
    "decimal",
)


class ModuleProxy:
    """A read-only stand-in for an allowlisted module: only the listed names exist.

    It has no `__name__`: `from asyncio import base_events` would otherwise fall
    back to sys.modules["asyncio.base_events"] when the attribute is missing.
    """

    def __getattr__(self, name: str):
        raise AttributeError(
            f"module {_proxy_name(self)!r} has no attribute {name!r} in the sandbox"
        )

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError("modules are read-only in the sandbox")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("modules are read-only in the sandbox")

    def __repr__(self) -> str:
        return f"<module {_proxy_name(self)!r} (sandboxed)>"


_PROXY_NAMES: dict[int, str] = {}


def _proxy_name(proxy: ModuleProxy) -> str:
    return _PROXY_NAMES.get(id(proxy), "?")


def make_proxy(name: str, attributes: dict) -> ModuleProxy:
    proxy = object.__new__(ModuleProxy)
    object.__getattribute__(proxy, "__dict__").update(attributes)
    _PROXY_NAMES[id(proxy)] = name
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


def build_proxies() -> dict[str, ModuleProxy]:
    preload()
    proxies = {}
    for name, attributes in ALLOWED.items():
        module = sys.modules[name]
        proxies[name] = make_proxy(name, {attr: getattr(module, attr) for attr in attributes})
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
