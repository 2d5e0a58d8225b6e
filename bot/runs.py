"""`!run`: a snippet to the sandbox, and its Result to a Reply."""

from __future__ import annotations

import asyncio
import dataclasses
import difflib
from collections.abc import Callable

from bot import errors, terminal
from bot import timeline as timelines
from bot.knowledge.render import TOPIC_ACTION
from bot.replies import MAX_CONTENT, Attachment, Button, Reply, codeblock, fit, shown
from bot.sandbox import Limits, Result
from bot.snippets import Snippet

NO_INPUT = (
    "💡 `input()` found nothing to read: write the input after the code block (or in a "
    "block marked `input`); its lines are what `input()` returns, one per call."
)
MAX_ERROR_NAME = 60  # characters of an exception's name on the status line
MAX_REFUSAL = 300
SANDBOX_DOWN = "⚠️ The sandbox is unavailable right now; try again in a moment."
VIRTUAL_TIME = "⏩ Virtual time: sleeps took no real time; every clock says they did."


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
    sandbox,
    snippet: Snippet,
    limits: Limits,
    default_python: str | None = None,
    queued: Callable[[int], object] | None = None,
) -> Reply:
    """Run a snippet on its Python (or each of several, to compare them).
    `queued` hears a run's place in line, from a sandbox that tells it."""
    pythons = snippet.pythons or (default_python,)  # None: the sandbox's own default
    # A sandbox that counts its waiting runs (the local one) also tells their places.
    places = {"queued": queued} if queued is not None and hasattr(sandbox, "waiting") else {}
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
                    **places,
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
        if awaits_at_top_level(results[0]):
            reply = dataclasses.replace(reply, meta={**reply.meta, "top_level_await": True})
        return with_timeline_button(reply, snippet)
    return comparison_reply(dict(zip(pythons, results, strict=True)), timeout, memory_mib)


def awaits_at_top_level(result: Result) -> bool:
    """Whether the script failed only to compile, on an `await` outside any function:
    `python -m asyncio` (our repl mode) would run it."""
    error = result.error or {}
    return error.get("type") == "SyntaxError" and error.get("message") == "'await' outside function"


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
