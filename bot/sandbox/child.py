"""What runs inside the forked child: compile the snippet, arm the audit hook, run it,
and report what happened on a side channel (the output pipe carries only the
snippet's own stdout and stderr).
"""

from __future__ import annotations

import ast
import asyncio
import builtins
import inspect
import io
import json
import linecache
import os
import random
import sys
import traceback
import warnings

from . import audit
from .guards import guard_globals
from .modules import make_importer
from .policy import PolicyError, restrict

FILENAME = "snippet.py"
LAYERS = frozenset({"policy", "imports", "audit"})
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def _streams() -> None:
    """stdout and stderr share one buffer on fd 1, flushed per line, so the order of
    writes between them is kept exactly."""
    raw = io.FileIO(1, "w", closefd=False)
    shared = io.BufferedWriter(raw, 8192)
    sys.stdout = io.TextIOWrapper(
        shared, encoding="utf-8", errors="strict", line_buffering=True, write_through=True
    )
    sys.stderr = io.TextIOWrapper(
        shared, encoding="utf-8", errors="backslashreplace", line_buffering=True, write_through=True
    )


def _warning_location_fix() -> None:
    """Warnings raised while the sandbox tears down (a coroutine collected at exit)
    would name a sandbox file; CPython names them `sys:1` in that situation."""
    original = warnings._showwarnmsg

    def show(message: warnings.WarningMessage) -> None:
        if str(message.filename).startswith(_PACKAGE_DIR):
            message.filename, message.lineno, message.line = "sys", 1, ""
        original(message)

    warnings._showwarnmsg = show


def _strip_frames(exc: BaseException | None, seen: set[int]) -> None:
    """Keep only the snippet's own frames in a traceback (and in chained/grouped ones)."""
    if exc is None or id(exc) in seen:
        return
    seen.add(id(exc))
    kept = []
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == FILENAME:
            kept.append(tb)
        tb = tb.tb_next
    for current, following in zip(kept, kept[1:], strict=False):
        current.tb_next = following
    if kept:
        kept[-1].tb_next = None
    exc.__traceback__ = kept[0] if kept else None
    _strip_frames(exc.__cause__, seen)
    _strip_frames(exc.__context__, seen)
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            _strip_frames(inner, seen)


def _error_info(exc: BaseException) -> dict:
    line = None
    if isinstance(exc, SyntaxError):
        line = exc.lineno
    tb = exc.__traceback__
    while tb is not None:
        line = tb.tb_lineno
        tb = tb.tb_next
    message = exc.msg if isinstance(exc, SyntaxError) else str(exc)
    return {"type": type(exc).__name__, "message": message, "line": line}


def _print_exception(exc: BaseException) -> None:
    try:
        _strip_frames(exc, set())
        traceback.print_exception(exc, file=sys.stderr)
    except MemoryError:
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)


class Report:
    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.data: dict = {"kind": "ok", "error": None}

    def send(self) -> None:
        payload = json.dumps(self.data).encode()
        try:
            os.write(self.fd, payload[:60000])
        except OSError:
            pass


def _compile(source: str, mode: str, layers: frozenset, report: Report):
    flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT if mode == "repl" else 0
    code = compile(source, FILENAME, "exec", flags=flags, dont_inherit=True)
    if "policy" not in layers:
        return code
    tree = restrict(ast.parse(source, FILENAME))
    return compile(tree, FILENAME, "exec", flags=flags, dont_inherit=True)


def _namespace(layers: frozenset, proxies: dict) -> dict:
    importer = make_importer(proxies) if "imports" in layers else builtins.__import__
    if "policy" in layers:
        return guard_globals(importer)
    table = dict(vars(builtins))
    table["__import__"] = importer
    return {"__name__": "__main__", "__builtins__": table, "__file__": FILENAME}


def _run_code(code, namespace: dict, mode: str) -> None:
    if mode == "repl" and code.co_flags & inspect.CO_COROUTINE:
        with asyncio.Runner() as runner:
            runner.run(eval(code, namespace))
    else:
        exec(code, namespace)


_WARM_UP = """\
import asyncio


async def main(n):
    for i in range(n):
        await asyncio.sleep(0)
    print(f"{n}", [x async for x in agen()])


asyncio.run(main(1))
"""


def warm_up(proxies: dict) -> None:
    """Exercise the compiler, the policy and an event loop once in a fresh child, so
    the page faults of first use are taken before the snippet's clock starts."""
    tree = restrict(ast.parse(_WARM_UP, FILENAME))
    compile(tree, FILENAME, "exec", dont_inherit=True)
    guard_globals(make_importer(proxies))
    # No Task here: tasks are numbered by a counter inside the C extension that a
    # snippet can see ("Task-1"), and the warm-up must not use up a number.
    loop = asyncio.new_event_loop()
    try:
        loop.call_soon(loop.stop)
        loop.run_forever()
    finally:
        loop.close()


def run(
    source: str,
    mode: str,
    layers: frozenset,
    report_fd: int,
    workdir: str,
    read_roots: tuple[str, ...],
    proxies: dict,
) -> int:
    """Run one snippet; return the exit status the child should end with."""
    _streams()
    _warning_location_fix()
    report = Report(report_fd)
    linecache.cache[FILENAME] = (len(source), None, source.splitlines(True), FILENAME)
    sys.argv = [FILENAME]
    random.seed()
    status = 0
    try:
        code = _compile(source, mode, layers, report)
    except SyntaxError as exc:
        if exc.text is None and exc.filename == FILENAME and exc.lineno:
            # Errors found by the compiler (not the parser) re-read the line from
            # the file, which the snippet has none of: supply it from the source.
            lines = source.splitlines(True)
            if 0 < exc.lineno <= len(lines):
                exc.text = lines[exc.lineno - 1]
        _print_exception(exc)
        report.data = {"kind": "error", "error": _error_info(exc)}
        code, status = None, 1
    except PolicyError as exc:
        for error in exc.errors:
            print(f"{FILENAME}:{error.removeprefix('Line ')}", file=sys.stderr)
        first = exc.errors[0].split(": ", 1)[-1]
        report.data = {
            "kind": "policy",
            "error": {"type": "PolicyError", "message": first, "line": exc.line},
        }
        code, status = None, 1
    except (ValueError, MemoryError, RecursionError) as exc:
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        report.data = {"kind": "error", "error": _error_info(exc)}
        code, status = None, 1
    if code is not None:
        namespace = _namespace(layers, proxies)
        if mode == "repl":
            # `python -m asyncio` starts its REPL with asyncio already imported.
            namespace["asyncio"] = namespace["__builtins__"]["__import__"]("asyncio")
        if "audit" in layers:
            audit.install(workdir, read_roots)
        status = _execute(code, namespace, mode, report)
        try:
            namespace.clear()
        except BaseException:  # noqa: S110 - teardown must not mask the result
            pass
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: S110
        pass
    report.send()
    return status


def _execute(code, namespace: dict, mode: str, report: Report) -> int:
    try:
        _run_code(code, namespace, mode)
    except SystemExit as exc:
        return _system_exit(exc, report)
    except BaseException as exc:
        kind = "memory" if isinstance(exc, MemoryError) else "error"
        _print_exception(exc)
        report.data = {"kind": kind, "error": _error_info(exc)}
        return 1
    return 0


def _system_exit(exc: SystemExit, report: Report) -> int:
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        if code:
            report.data = {"kind": "error", "error": _error_info(exc)}
        return code & 0xFF
    print(code, file=sys.stderr)
    report.data = {"kind": "error", "error": _error_info(exc)}
    return 1
