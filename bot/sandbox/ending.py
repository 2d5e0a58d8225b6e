"""How a script ends, exactly as `python3 snippet.py` ends it.

CPython prints an uncaught exception with `sys.excepthook` (keeping it alive in
`sys.last_traceback`), turns SystemExit into an exit status, then finalizes:
it waits for non-daemon threads, runs atexit callbacks, drops `sys.last_*`
and clears the modules. Objects that die in that last phase (a coroutine
nobody awaited, held by a global or a traceback frame) warn as `sys:1`, after
the traceback, and without the "Enable tracemalloc" line, because tracemalloc
can no longer be imported by then. The child repeats those steps in that order.

Everything here runs after the snippet did, so it must survive anything the
snippet left behind: an exception whose `__str__` raises, a cause chain
thousands of links long, an exit code whose methods raise.
"""

from __future__ import annotations

import atexit
import gc
import signal
import sys
import threading
import types
import warnings

FILENAME = "snippet.py"
C_LONG = 1 << 63
# An error left pending while CPython turns SystemExit into a status (the code
# did not fit a C long, or its str() raised) is printed on the way out from 3.12
# on, as below; 3.11 drops it.
_PENDING_HEADER = {(3, 12): "", (3, 13): "Exception ignored on threading shutdown:\n"}
_PENDING: list[BaseException] = []


def snippet_traceback(tb: types.TracebackType | None) -> types.TracebackType | None:
    """A copy of `tb` with only the snippet's own frames (the original is untouched,
    so every frame it holds stays alive until finalization, as in CPython)."""
    kept = []
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == FILENAME:
            kept.append(tb)
        tb = tb.tb_next
    copy = None
    for entry in reversed(kept):
        copy = types.TracebackType(copy, entry.tb_frame, entry.tb_lasti, entry.tb_lineno)
    return copy


# Exception internals read through BaseException's own descriptors, as CPython's
# C code reads its structs: a snippet's subclass cannot intercept them.
_CAUSE = vars(BaseException)["__cause__"]
_CONTEXT = vars(BaseException)["__context__"]
_TRACEBACK = vars(BaseException)["__traceback__"]
_MEMBERS = vars(BaseExceptionGroup)["exceptions"]


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception, its causes and contexts, and group members: each once."""
    found, seen, stack = [], set(), [exc]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        found.append(current)
        stack += [_CAUSE.__get__(current), _CONTEXT.__get__(current)]
        if isinstance(current, BaseExceptionGroup):
            stack += list(_MEMBERS.__get__(current))
    return found


def display(exc: BaseException) -> list:
    """Print an uncaught exception as CPython does; return what must stay alive
    until finalization (CPython keeps it in sys.last_traceback)."""
    keep = [(item, _TRACEBACK.__get__(item)) for item in _chain(exc)]
    for item, original in keep:
        _TRACEBACK.__set__(item, snippet_traceback(original))
    try:
        sys.__excepthook__(type(exc), exc, _TRACEBACK.__get__(exc))
    except BaseException:  # noqa: S110 - a failing display must not hide the status
        pass
    return keep


def error_info(exc: BaseException) -> dict:
    """Type, message and line of an uncaught exception, for the report; whatever
    the exception's own methods do."""
    line = None
    tb = _TRACEBACK.__get__(exc)
    while tb is not None:
        line = tb.tb_lineno
        tb = tb.tb_next
    try:
        if isinstance(exc, SyntaxError):
            line = exc.lineno if type(exc.lineno) is int else line
            message = exc.msg
        else:
            message = str(exc)
        message = message if type(message) is str else str(message)
    except BaseException:
        message = "<exception str() failed>"
    return {"type": type(exc).__name__, "message": message, "line": line}


def exit_status(exc: SystemExit) -> tuple[int, dict | None]:
    """The status CPython's _Py_HandleSystemExit gives, printing a non-int code."""
    try:
        code = exc.code
    except BaseException:
        code = exc
    if code is None:
        return 0, None
    if isinstance(code, int):
        value = int.__int__(code)
        if not -C_LONG <= value < C_LONG:
            _PENDING.append(OverflowError("Python int too large to convert to C long"))
            value = -1  # what PyLong_AsLong answers
        status = value & 0xFF
        error = None if status == 0 else {"type": "SystemExit", "message": str(value), "line": None}
        return status, error
    try:
        text = str(code)
    except BaseException as failure:
        _CONTEXT.__set__(failure, None)  # in CPython it is raised from C, not inside a handler
        _PENDING.append(failure)
        text = ""
    try:
        sys.stderr.write(text + "\n")
    except BaseException:  # noqa: S110
        pass
    return 1, {"type": "SystemExit", "message": text, "line": None}


def finalize(namespace: dict, keep: list) -> None:
    """Threads, atexit, then the module teardown, in CPython's order."""
    header = _PENDING_HEADER.get(sys.version_info[:2])
    for pending in _PENDING if header is not None else ():
        try:
            sys.stderr.write(header)
            keep.append(display(pending))
        except BaseException:  # noqa: S110
            pass
    for step in (threading._shutdown, atexit._run_exitfuncs):
        try:
            step()
        except BaseException:  # noqa: S110
            pass
    # From here on CPython is finalizing: no frame runs (warnings say `sys:1`) and
    # imports fail (so no "Enable tracemalloc" line).
    sys.modules["tracemalloc"] = None
    try:
        keep.clear()
        namespace.clear()
        gc.collect()
    except BaseException:  # noqa: S110
        pass
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:  # noqa: S110
            pass


def exit_by_sigint() -> None:
    """An uncaught KeyboardInterrupt ends CPython by SIGINT, so that whoever ran it
    sees it was interrupted (a shell prints 130)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.raise_signal(signal.SIGINT)


def hide_sandbox_frames(package_dir: str) -> None:
    """Stack walks (asyncio's debug tracebacks, logging's stack_info, warnings at
    teardown) skip the sandbox's own frames and stop at the snippet's outermost
    one, as in `python3 snippet.py`, which has none of them."""
    import traceback

    original_walk = traceback.walk_stack

    def walk_stack(f):
        for frame, lineno in original_walk(f if f is not None else sys._getframe().f_back):
            code = frame.f_code
            if code.co_filename.startswith(package_dir):
                continue  # the sandbox's own instrumentation, between snippet frames
            yield frame, lineno
            if code.co_filename == FILENAME and code.co_name == "<module>":
                return  # the snippet's outermost frame: below it is only the sandbox

    traceback.walk_stack = walk_stack
    original_show = warnings._showwarnmsg

    # Where CPython says a warning came from when no frame is running (teardown).
    nowhere = ("<sys>", 0) if sys.version_info >= (3, 13) else ("sys", 1)

    def show(message: warnings.WarningMessage) -> None:
        if str(message.filename).startswith(package_dir):
            (message.filename, message.lineno), message.line = nowhere, ""
        original_show(message)

    warnings._showwarnmsg = show
