"""From a sandbox Result to what the user sees: a status line that names why the
run ended, then its output (bot/output.py) as a terminal would show it."""

from __future__ import annotations

import difflib
import re
import signal

from bot import output, terminal
from bot.knowledge.render import TOPIC_ACTION
from bot.replies import MAX_CONTENT, Attachment, Button, Reply, clean, codeblock, shown
from bot.sandbox import Result

MAX_ERROR_NAME = 60  # characters of an exception's name on the status line
MAX_REFUSAL = 300
MAX_SANDBOX_ERROR = 80
VIRTUAL_TIME = "⏩ Virtual time: sleeps took no real time; every clock says they did."
THREADS = (
    "🧵 It hit the limit of {value} threads: a thread it asked for was refused "
    "(`RuntimeError: can't start new thread`)."
)


def status_line(result: Result, timeout: float, memory_mib: int) -> str:
    """One line about how the run ended, from the sandbox's facts (`timeout` and
    `memory_mib` are what the bot asked for, used when the sandbox does not say).
    Everything in it that a snippet could choose (an exception's name, a policy
    message) is shown as inline code."""
    seconds = f"{result.wall_ms / 1000:.2f} s"
    err = result.error or {}
    limit = result.limit or {}
    match result.status:
        case "ok":
            return f"✅ Finished in {seconds}."
        case "error":
            line = err.get("line")
            where = f" on line {line}" if type(line) is int else ""
            kind = shown(err["type"], MAX_ERROR_NAME) if err.get("type") else "An error"
            code = (
                f"exit code {result.returncode}" if result.returncode is not None else "interrupted"
            )
            return f"❌ {kind}{where} ({code}), after {seconds}."
        case "timeout" if _ran_into(result) == "cpu":
            cpu = _number(limit.get("value"), result.cpu_ms / 1000)
            return (
                f"⏱️ Stopped: it used all of its {cpu:g} s of CPU time (the CPU limit; "
                f"a busy loop or heavy computation), after {seconds}."
            )
        case "timeout":
            wall = _number(limit.get("value"), timeout)
            return f"⏱️ Stopped: it ran past the {wall:g} s time limit (wall clock)."
        case "memory":
            mib = _number(limit.get("value"), memory_mib)
            return f"💾 Stopped: it used more than its {mib:g} MiB of memory, after {seconds}."
        case "killed" if err.get("type") == "SandboxError":
            why = _plain(err.get("message") or "it failed", MAX_SANDBOX_ERROR)
            return f"⚠️ The sandbox could not finish this run ({why}); try again in a moment."
        case "killed" if type(result.signal) is int:
            return f"🛑 Stopped by signal {_signal_name(result.signal)} after {seconds}."
        case "killed":
            return f"🛑 Stopped after {seconds}."
        case "busy":
            return "⏳ The sandbox is busy right now; try again in a few seconds."
        case _:
            message = err.get("message") or "the sandbox refused this snippet."
            return f"🚫 Not run: {shown(message, MAX_REFUSAL)}"


def _ran_into(result: Result) -> str | None:
    """The limit a run ran into (a sandbox older than Result.limit said it in words)."""
    name = (result.limit or {}).get("name")
    if name is None and result.status == "timeout":
        return "cpu" if "CPU" in str((result.error or {}).get("message", "")) else "wall"
    return name


def _number(value: object, fallback: float) -> float:
    return value if type(value) in (int, float) else fallback


def _plain(text: object, limit: int) -> str:
    return re.sub(r"[\x00-\x1f\x7f`*_~|<>\[\]]+", " ", clean(str(text), limit)).strip()


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)


def result_reply(result: Result, *, timeout: float, memory_mib: int) -> Reply:
    """The user's view of a run: a status line, the output as a terminal shows it."""
    lines = [status_line(result, timeout, memory_mib)]
    limit = _ran_into(result)
    if limit == "threads" and result.status not in ("timeout", "memory"):
        threads = _number((result.limit or {}).get("value"), 0)
        lines.append(THREADS.format(value=f"{threads:g}"))
    if result.virtual_time and result.status not in ("busy", "rejected"):
        lines.append(VIRTUAL_TIME)
    meta = {"status": result.status, "limit": limit, "hints": [h["topic"] for h in result.hints]}
    if result.status in ("busy", "rejected"):
        return Reply("\n".join(lines), meta=meta)
    screen, coloured = terminal.render(result.output)
    screen = screen.removesuffix("\n")  # the block's closing fence starts a line anyway
    if result.truncated:
        lines.append(
            f"(The snippet wrote {result.output_bytes:,} bytes; "
            f"only the first {len(result.output.encode()):,} were kept.)"
        )
    for hint in result.hints[:2]:
        lines.append(f"💡 {hint['why']}")
    head = "\n".join(lines)
    shown_output = output.show(screen, coloured, limit=MAX_CONTENT - len(head) - 1)
    buttons = tuple(
        Button(f"Explain: {hint['topic']}", TOPIC_ACTION, (hint["topic"],))
        for hint in result.hints[:2]
    )
    attachments = (shown_output.attachment,) if shown_output.attachment else ()
    return Reply(
        head + "\n" + shown_output.block, attachments=attachments, buttons=buttons, meta=meta
    )


def comparison_reply(results: dict[str, Result], timeout: float, memory_mib: int) -> Reply:
    """One status line per Python, then the output once if they agree, else a diff
    of each against the first: asyncio changes between versions, and this shows how."""
    versions = list(results)
    lines = [f"**Python {v}** {status_line(r, timeout, memory_mib)}" for v, r in results.items()]
    if any(r.virtual_time for r in results.values()):
        lines.append(VIRTUAL_TIME)
    rendered = {v: terminal.render(r.output) for v, r in results.items()}
    screens = {v: screen.removesuffix("\n") for v, (screen, _) in rendered.items()}
    first = versions[0]
    if len(set(screens.values())) == 1:
        # The same output everywhere: shown as a single run's is (numbered, capped).
        lines.append(f"Same output on Python {', '.join(versions)}:")
        head = "\n".join(lines)
        shown_output = output.show(screens[first], rendered[first][1], MAX_CONTENT - len(head) - 1)
        body = shown_output.block
        attachments = (shown_output.attachment,) if shown_output.attachment else ()
    else:
        diffs = [
            "\n".join(
                difflib.unified_diff(
                    screens[first].splitlines(),
                    screens[other].splitlines(),
                    f"Python {first}",
                    f"Python {other}",
                    lineterm="",
                    n=2,
                )
            )
            for other in versions[1:]
            if screens[other] != screens[first]
        ]
        lines.append("The output differs:")
        head = "\n".join(lines)
        room = MAX_CONTENT - len(head) - 1
        diff = "\n".join(diffs)
        body = codeblock(diff, "diff", limit=room)
        attachments = ()
        if len(diff) > room - 20:  # each version's whole output, to compare at leisure
            attachments = tuple(
                Attachment(f"output-{v}.txt", terminal.plain(screen).encode())
                for v, screen in screens.items()
            )
    meta = {
        "status": results[first].status,
        "statuses": {v: r.status for v, r in results.items()},
        "hints": [h["topic"] for h in results[first].hints],
    }
    return Reply(head + "\n" + body, attachments=attachments, meta=meta)
