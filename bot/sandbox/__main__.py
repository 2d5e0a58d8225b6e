"""`python -m bot.sandbox run FILE|-`, `python -m bot.sandbox serve --socket PATH` and
`python -m bot.sandbox health --socket PATH` (exit 0 when that service can run snippets)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys

from . import interpreters
from .limits import MODES, Limits
from .sandbox import Sandbox
from .service import serve


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot.sandbox")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run one snippet and print one JSON object")
    run.add_argument("file", help="the snippet, or - for stdin")
    run.add_argument("--timeout", type=float, metavar="SECONDS")
    run.add_argument("--memory", type=int, metavar="MIB")
    run.add_argument("--mode", choices=MODES, default="script")
    run.add_argument("--python", metavar="VERSION", help="the interpreter: 3.11, 3.12 or 3.13")
    run.add_argument("--fast", action="store_true", help="virtual time: sleeps cost nothing")
    run.add_argument("--timeline", action="store_true", help="record which task ran when")
    run.add_argument("--input", metavar="FILE", help="what the snippet reads as standard input")
    run.add_argument("--accept-weak-isolation", action="store_true")
    versions = commands.add_parser("versions", help="the supported Pythons installed here")
    versions.add_argument("--others", action="store_true", help="all but this interpreter's")
    srv = commands.add_parser("serve", help="serve the sandbox API on a Unix socket")
    srv.add_argument("--socket", required=True, metavar="PATH")
    srv.add_argument("--concurrency", type=int)
    srv.add_argument("--python", metavar="VERSION", help="the default interpreter")
    srv.add_argument("--accept-weak-isolation", action="store_true")
    health = commands.add_parser("health", help="check a `serve`: exit 0 if it can run snippets")
    health.add_argument("--socket", required=True, metavar="PATH")
    return parser


def _health(socket_path: str) -> int:
    from .health import check

    healthy, phrase = asyncio.run(check(socket_path))
    print(f"sandbox {phrase}")
    return 0 if healthy else 1


async def _run(args: argparse.Namespace, source: str, stdin: str = "") -> int:
    # The CLI's hints (contract 1) come from the bot's one table of diagnoses.
    from bot.knowledge.diagnostics import diagnose

    async with Sandbox(
        Limits(concurrency=1),
        accept_weak_isolation=args.accept_weak_isolation,
        python=args.python,
        diagnose=diagnose,
    ) as sandbox:
        result = await sandbox.run(
            source,
            timeout=args.timeout,
            memory_mib=args.memory,
            mode=args.mode,
            fast=args.fast,
            timeline=args.timeline,
            stdin=stdin,
        )
    print(result.to_json())
    return 0


async def _serve(args: argparse.Namespace) -> int:
    limits = Limits(concurrency=args.concurrency) if args.concurrency else Limits()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with Sandbox(
        limits, accept_weak_isolation=args.accept_weak_isolation, python=args.python
    ) as sandbox:
        await serve(sandbox, args.socket, stop)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "health":
        return _health(args.socket)
    if args.command == "versions":
        current = interpreters.current_version()
        found = [v for v in interpreters.available() if not (args.others and v == current)]
        print(" ".join(found))
        return 0
    if getattr(args, "python", None) is not None:
        try:
            interpreters.resolve(args.python)
        except LookupError as exc:
            parser.error(str(exc))
    if args.command == "serve":
        return asyncio.run(_serve(args))
    if args.timeout is not None and not args.timeout > 0:
        parser.error("--timeout must be positive")
    if args.memory is not None and not args.memory > 0:
        parser.error("--memory must be positive")
    try:
        if args.file == "-":
            source = sys.stdin.read()
        else:
            with open(args.file, encoding="utf-8") as handle:
                source = handle.read()
        stdin = ""
        if args.input:
            with open(args.input, encoding="utf-8") as handle:
                stdin = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        parser.error(f"cannot read {exc.filename or args.file}: {exc}")
    try:
        return asyncio.run(_run(args, source, stdin))
    except (OSError, RuntimeError) as exc:
        print(f"sandbox failed: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
