"""`!run`: from a user's message to a snippet, and from a sandbox Result to a Reply."""

from __future__ import annotations

import asyncio
import dataclasses
import difflib
import re
from dataclasses import dataclass
from typing import NamedTuple

from bot import errors, fences, terminal
from bot import timeline as timelines
from bot.knowledge.render import TOPIC_ACTION
from bot.replies import MAX_CONTENT, Attachment, Button, Reply, codeblock, fit, shown
from bot.sandbox import Limits, Result, interpreters

PYTHON_TAGS = {"", "py", "python", "python3", "py3", "pycon", "ipython"}
INPUT_TAGS = {"input", "stdin"}  # a block marked so is what the snippet reads
NO_INPUT = (
    "💡 `input()` found nothing to read: add a code block marked `input` after the code; "
    "its lines are what `input()` returns, one per call."
)
_INLINE = re.compile(r"^`([^`]+)`$")
MODE_FLAGS = {"--repl": "repl", "--script": "script"}
MAX_ERROR_NAME = 60  # characters of an exception's name on the status line
MAX_REFUSAL = 300
SANDBOX_DOWN = "⚠️ The sandbox is unavailable right now; try again in a moment."
VIRTUAL_TIME = "⏩ Virtual time: sleeps took no real time; every clock says they did."


@dataclass(frozen=True)
class Snippet:
    code: str
    mode: str = "script"
    pythons: tuple[str, ...] = ()  # empty: the default one
    fast: bool = False  # virtual time: sleeps take no real time
    timeline: str = ""  # "dark" or "light": answer with the run's timeline picture
    stdin: str = ""  # what input() reads: a block marked `input` (or the form's field)


def parse_pythons(value: str) -> tuple[str, ...]:
    """`3.13` or `3.11,3.13` (or `all`): the Pythons to run on, each once."""
    if value.strip().lower() == "all":
        return interpreters.SUPPORTED
    chosen = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    unknown = [v for v in chosen if v not in interpreters.SUPPORTED]
    if not chosen or unknown:
        raise errors.InvalidInput(
            f"Python {shown((unknown or [value])[0], 20)} is not available: choose from "
            f"{', '.join(interpreters.SUPPORTED)} (or several, comma-separated, or `all`)."
        )
    return chosen


_OPTION = re.compile(r"--([\w-]*)(?:=(\S*))?\s*")
_VALUE = re.compile(r"(\S*)\s*")


class Options(NamedTuple):
    """A snippet's options, as `!run --...` or /run's choices set them."""

    mode: str = "script"
    pythons: tuple[str, ...] = ()
    fast: bool = False
    timeline: str = ""


def _options(text: str) -> tuple[Options, str]:
    """Leading `--repl`, `--script`, `--fast`, `--timeline`, `--py VERSIONS` options;
    the rest is code."""
    mode, pythons, fast, timeline = "script", (), False, ""
    while text.startswith("--"):
        option = _OPTION.match(text)
        name, value = option.group(1), option.group(2)
        text = text[option.end() :]
        if f"--{name}" in MODE_FLAGS and value is None:
            mode = MODE_FLAGS[f"--{name}"]
        elif name == "fast" and value is None:
            fast = True
        elif name == "timeline" and value in (None, "dark", "light"):
            timeline = value or "dark"
        elif name in ("py", "python"):
            if value is None:
                given = _VALUE.match(text)
                value, text = given.group(1), text[given.end() :]
            pythons = parse_pythons(value)
        else:
            raise errors.InvalidInput(
                f"Unknown option {shown('--' + name, 20)}: use `--repl`, `--fast` (virtual "
                f"time), `--timeline` (or `--timeline=light`), `--py 3.13` (or "
                f"`--py 3.11,3.13` to compare), or nothing."
            )
    return Options(mode, pythons, fast, timeline), text


def parse_snippet(text: str, max_bytes: int) -> Snippet:
    """The code in a `!run` message: a fenced block, inline code or plain text,
    after any options."""
    options, text = _options(text.strip())
    try:
        found = fences.blocks(text)
    except fences.Unclosed as exc:
        raise errors.InvalidInput(f"That code block is not closed: end it with {exc}.") from None
    stdin = "".join(b.code for b in found if b.language in INPUT_TAGS)
    fenced = bool(found)
    found = [b for b in found if b.language not in INPUT_TAGS]
    if fenced:
        other = next((b.language for b in found if b.language not in PYTHON_TAGS), None)
        if other is not None:
            raise errors.InvalidInput(f"I only run Python, not {shown(other, 20)}.")
        # Several blocks are one program, in the order they were written.
        codes = [b.code for b in found]
        code = codes[0] if len(codes) == 1 else "\n".join(c.rstrip("\n") for c in codes) + "\n"
        code = code if codes else ""
    else:
        inline = _INLINE.match(text)
        code = inline.group(1) if inline else text
    code = fences.without_direction_marks(code)
    if not code.strip():
        raise errors.InvalidInput(
            "There is no code to run: put it after the command, on the same line "
            "or in a code block."
        )
    if "\x00" in code:
        raise errors.InvalidInput("The code contains a NUL character; Python can't read that.")
    size = len(code.encode())
    if size > max_bytes:
        raise errors.InvalidInput(
            f"That snippet is {size:,} bytes; the sandbox takes at most {max_bytes:,}."
        )
    return Snippet(code, *options, stdin=stdin)


def status_line(result: Result, timeout: float, memory_mib: int) -> str:
    """One line about how the run ended. Everything in it that a snippet could
    choose (an exception's name, a policy message) is shown as inline code."""
    seconds = f"{result.wall_ms / 1000:.2f} s"
    err = result.error or {}
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
        case "timeout":
            if "CPU" in str(err.get("message", "")):
                return f"⏱️ Stopped: it used more than its {result.cpu_ms // 1000} s of CPU time."
            return f"⏱️ Stopped: it ran past the {timeout:g} s time limit."
        case "memory":
            return f"💾 Stopped: it used more than {memory_mib} MiB of memory."
        case "killed" if err.get("type") == "SandboxError":
            return "⚠️ The sandbox failed to run this; try again in a moment."
        case "killed":
            return f"🛑 Stopped by {shown(err.get('message') or 'a signal')} after {seconds}."
        case "busy":
            return "⏳ The sandbox is busy right now; try again in a few seconds."
        case _:
            message = err.get("message") or "the sandbox refused this snippet."
            return f"🚫 Not run: {shown(message, MAX_REFUSAL)}"


def result_reply(result: Result, *, timeout: float, memory_mib: int) -> Reply:
    """The user's view of a run: a status line, the output as a terminal shows it."""
    lines = [status_line(result, timeout, memory_mib)]
    if result.virtual_time and result.status not in ("busy", "rejected"):
        lines.append(VIRTUAL_TIME)
    meta = {"status": result.status, "hints": [h["topic"] for h in result.hints]}
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
    room = MAX_CONTENT - len(head) - 1
    block = codeblock(screen or "(no output)", "ansi" if coloured else "", limit=room)
    attachments = ()
    if len(screen) > room - 20:
        # The message shows the start; the whole kept output comes as a file.
        attachments = (Attachment("output.txt", screen.encode()),)
    buttons = tuple(
        Button(f"Explain: {hint['topic']}", TOPIC_ACTION, (hint["topic"],))
        for hint in result.hints[:2]
    )
    return Reply(head + "\n" + block, attachments=attachments, buttons=buttons, meta=meta)


async def run_snippet(
    sandbox, snippet: Snippet, limits: Limits, default_python: str | None = None
) -> Reply:
    """Run a snippet on its Python (or each of several, to compare them)."""
    pythons = snippet.pythons or (default_python,)  # None: the sandbox's own default
    try:
        results = await asyncio.gather(
            *(
                sandbox.run(
                    snippet.code,
                    # Sent every time: a sandbox service has limits of its own, and
                    # the reply quotes these.
                    timeout=limits.wall_seconds,
                    memory_mib=limits.memory_mib,
                    mode=snippet.mode,
                    python=python,
                    fast=snippet.fast,
                    timeline=bool(snippet.timeline),
                    stdin=snippet.stdin,
                )
                for python in pythons
            )
        )
    except (TimeoutError, OSError, EOFError) as exc:
        # The sandbox service is down or restarting: an outage, named as one.
        raise errors.Unavailable(SANDBOX_DOWN) from exc
    timeout, memory_mib = limits.wall_seconds, limits.memory_mib
    if len(results) == 1:
        reply = result_reply(results[0], timeout=timeout, memory_mib=memory_mib)
        if snippet.timeline:
            reply = await with_timeline(reply, results[0], snippet.timeline)
        if not snippet.stdin and (results[0].error or {}).get("type") == "EOFError":
            head, _, block = reply.content.partition("\n")
            reply = dataclasses.replace(reply, content=fit(f"{head}\n{NO_INPUT}\n{block}"))
        return with_timeline_button(reply, snippet)
    return comparison_reply(dict(zip(pythons, results, strict=True)), timeout, memory_mib)


async def with_timeline(reply: Reply, result: Result, theme: str) -> Reply:
    """The reply with the run's timeline: a PNG (drawn off the loop) and, for text
    transports, the same chart in characters."""
    if result.timeline is None:
        note = "(No timeline: the run ended before it could report one.)"
        return dataclasses.replace(reply, content=fit(reply.content + "\n" + note))
    picture = await asyncio.to_thread(timelines.render_png, result.timeline, theme)
    attachments = (Attachment("timeline.png", picture), *reply.attachments)
    return dataclasses.replace(
        reply, attachments=attachments, text_view=timelines.render_text(result.timeline)
    )


def with_timeline_button(reply: Reply, snippet: Snippet) -> Reply:
    """Every run reply offers its timeline (drawn from a second run of the code)."""
    if snippet.timeline or reply.meta.get("status") in ("busy", "rejected"):
        return reply
    args = (
        snippet.code,
        snippet.mode,
        ",".join(snippet.pythons),
        "fast" if snippet.fast else "",
        snippet.stdin,
    )
    return dataclasses.replace(
        reply, buttons=(*reply.buttons, Button("Timeline", "run.timeline", args))
    )


def comparison_reply(results: dict[str, Result], timeout: float, memory_mib: int) -> Reply:
    """One status line per Python, then the output once if they agree, else a diff
    of each against the first: asyncio changes between versions, and this shows how."""
    versions = list(results)
    lines = [f"**Python {v}** {status_line(r, timeout, memory_mib)}" for v, r in results.items()]
    if any(r.virtual_time for r in results.values()):
        lines.append(VIRTUAL_TIME)
    screens = {v: terminal.render(r.output)[0].removesuffix("\n") for v, r in results.items()}
    first = versions[0]
    if len(set(screens.values())) == 1:
        lines.append(f"Same output on Python {', '.join(versions)}:")
        body, language = screens[first] or "(no output)", ""
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
        body, language = "\n".join(diffs), "diff"
    head = "\n".join(lines)
    room = MAX_CONTENT - len(head) - 1
    attachments = ()
    if len(body) > room - 20:
        attachments = tuple(
            Attachment(f"output-{v}.txt", screen.encode()) for v, screen in screens.items()
        )
    meta = {
        "status": results[first].status,
        "statuses": {v: r.status for v, r in results.items()},
        "hints": [h["topic"] for h in results[first].hints],
    }
    return Reply(
        head + "\n" + codeblock(body, language, limit=room), attachments=attachments, meta=meta
    )
