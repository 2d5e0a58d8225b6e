"""`!run`: a snippet to the sandbox, and its Results to a Reply (worded by
bot/runreply.py)."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable

from bot import errors
from bot import timeline as timelines
from bot.replies import Attachment, Button, Reply, fit
from bot.runreply import comparison_reply, result_reply
from bot.sandbox import Limits, Result
from bot.snippets import Snippet

NO_INPUT = (
    "💡 `input()` found nothing to read: write the input after the code block (or in a "
    "block marked `input`); its lines are what `input()` returns, one per call."
)
SANDBOX_DOWN = "⚠️ The sandbox is unavailable right now; try again in a moment."


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
    places = {"queued": queued} if queued is not None else {}
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
        raise errors.Unavailable(SANDBOX_DOWN, {"status": "unavailable"}) from exc
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
