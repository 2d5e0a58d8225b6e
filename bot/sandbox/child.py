"""What runs inside the forked, jailed child: compile the snippet, report that it
compiled (the trusted first record), arm the audit hook, run it as
`python3 snippet.py` would, end as CPython ends, and report how it ended.

The output pipe (fd 1 and 2) carries only the snippet's stdout and stderr; the
report goes to its own pipe (protocol.py says what is trusted in it).
"""

from __future__ import annotations

import ast
import asyncio
import builtins
import inspect
import io
import os
import random
import sys
import warnings

from . import audit, ending, protocol, timeline, virtualtime
from .facts import source_facts
from .modules import make_importer
from .namespace import guard_globals
from .policy import PolicyError, restrict

FILENAME = ending.FILENAME
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


class Reporter:
    """Writes the report records. The snippet can reach the descriptor too: if it
    points elsewhere by the end (dup2), the last record is not written at all,
    rather than into whatever the snippet put there."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.identity = _identity(fd)

    def send(self, phase: str, **fields) -> None:
        payload = protocol.report_record(phase, **fields)
        try:
            if _identity(self.fd) == self.identity:
                os.write(self.fd, payload)
        except OSError:
            pass


def _identity(fd: int) -> tuple[int, int]:
    status = os.fstat(fd)
    return status.st_dev, status.st_ino


def _compile(source: str, mode: str, layers: frozenset):
    """Parse once; compile the policy's rewrite of the tree. Errors stay CPython's
    own: the parser's come first, and whenever the rewrite is refused or fails to
    compile, the untouched tree is compiled to raise what CPython would."""
    flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT if mode == "repl" else 0
    tree = compile(source, FILENAME, "exec", flags=flags | ast.PyCF_ONLY_AST, dont_inherit=True)
    facts = source_facts(tree)
    if "policy" not in layers:
        return compile(tree, FILENAME, "exec", flags=flags, dont_inherit=True), facts
    try:
        return compile(restrict(tree), FILENAME, "exec", flags=flags, dont_inherit=True), facts
    except (PolicyError, SyntaxError) as exc:
        refusal = exc
    # Outside the handler, so that CPython's own error has no context attached.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # shown once already
        untouched = compile(source, FILENAME, "exec", flags=flags | ast.PyCF_ONLY_AST)
        compile(untouched, FILENAME, "exec", flags=flags, dont_inherit=True)
    raise refusal


def _namespace(layers: frozenset, proxies: dict) -> dict:
    importer = make_importer(proxies) if "imports" in layers else builtins.__import__
    if "policy" in layers:
        namespace = guard_globals(importer)
    else:
        table = dict(vars(builtins))
        table["__import__"] = importer
        namespace = {"__name__": "__main__", "__builtins__": table}
    namespace["__file__"] = FILENAME
    return namespace


def _run_code(code, namespace: dict, mode: str) -> None:
    if mode == "repl" and code.co_flags & inspect.CO_COROUTINE:
        with asyncio.Runner() as runner:
            runner.run(eval(code, namespace))
    else:
        exec(code, namespace)


class Prepared:
    """What a spare sets up before its order arrives (nothing of any run in it):
    the streams, the stack filter, the module namespace with its builtins."""

    def __init__(self, layers: frozenset, proxies: dict, workdir: str, roots: tuple) -> None:
        _streams()
        ending.hide_sandbox_frames(_PACKAGE_DIR)
        sys.argv = [FILENAME]
        random.seed()  # each child its own sequence, as each `python3` process has
        self.layers = layers
        self.proxies = proxies
        self.namespace = _namespace(layers, proxies)
        self.workdir = workdir
        self.read_roots = roots


def run(prepared: Prepared, request: protocol.Request, report_fd: int) -> int:
    """Run one snippet; return the exit status the child should end with."""
    reporter = Reporter(report_fd)
    source, mode, layers = request.source, request.mode, prepared.layers
    namespace = prepared.namespace
    # Like `python3 snippet.py`, the source is a file next to the snippet: tracebacks
    # read their lines from it.
    with open(FILENAME, "w", encoding="utf-8", errors="surrogatepass") as handle:
        handle.write(source)
    try:
        code, facts = _compile(source, mode, layers)
    except PolicyError as exc:
        for error in exc.errors:
            print(f"{FILENAME}:{error.removeprefix('Line ')}", file=sys.stderr)
        first = exc.errors[0].split(": ", 1)[-1]
        error = {"type": "PolicyError", "message": first, "line": exc.line}
        reporter.send(protocol.REFUSED, error=error, errors=exc.errors[:50])
        return 1
    except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
        keep = ending.display(exc)
        reporter.send(protocol.NOT_COMPILED, error=ending.error_info(exc))
        del keep
        return 1
    if request.fast:
        virtualtime.install(prepared.proxies)
    # Always watched for a blocked loop (cheap); recorded in full when asked.
    recorder = timeline.Recorder(full=request.timeline)
    timeline.start(recorder)
    # Standard input as a pipe gives it: read to the end, then EOF.
    sys.stdin = io.StringIO(request.stdin)
    if mode == "repl":
        # `python -m asyncio` starts its REPL with asyncio already imported.
        namespace["asyncio"] = namespace["__builtins__"]["__import__"]("asyncio")
    reporter.send(protocol.STARTED, facts=facts)
    # -- from here on, nothing the child writes is trusted --------------------
    if "audit" in layers:
        audit.install(prepared.workdir, prepared.read_roots)
    status, error, keep = _execute(code, namespace, mode)
    if request.timeline:
        clock = "virtual" if request.fast else "real"
        record = recorder.record(clock, protocol.TIMELINE_LIMIT)
        reporter.send(protocol.TIMELINE, timeline=record)
    interrupted = bool(error) and error["type"] == "KeyboardInterrupt"
    ending.finalize(namespace, keep)
    reporter.send(protocol.FINISHED, error=error, blocked=recorder.blocked[:5])
    if interrupted:
        ending.exit_by_sigint()
    return status


def _execute(code, namespace: dict, mode: str) -> tuple[int, dict | None, list]:
    try:
        _run_code(code, namespace, mode)
    except SystemExit as exc:
        status, error = ending.exit_status(exc)
        return status, error, []
    except BaseException as exc:
        keep = ending.display(exc)
        return 1, ending.error_info(exc), keep
    return 0, None, []
