"""`!run`: from a user's message to a snippet, and from a sandbox Result to a Reply."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot import errors, terminal
from bot.replies import MAX_CONTENT, Attachment, Reply, codeblock, shown
from bot.sandbox import Result

PYTHON_TAGS = {"", "py", "python", "python3", "py3", "pycon", "ipython"}
_FENCE = re.compile(r"```([\w+-]*)[ \t]*\n?(.*?)```", re.DOTALL)
_INLINE = re.compile(r"^`([^`]+)`$")
MODE_FLAGS = {"--repl": "repl", "--script": "script"}
MAX_ERROR_NAME = 60  # characters of an exception's name on the status line
MAX_REFUSAL = 300


@dataclass(frozen=True)
class Snippet:
    code: str
    mode: str = "script"


def parse_snippet(text: str, max_bytes: int) -> Snippet:
    """The code in a `!run` message: a fenced block, inline code or plain text."""
    mode = "script"
    text = text.strip()
    flag, _, rest = text.partition(" ") if text.startswith("--") else ("", "", text)
    if flag:
        if flag.split("\n")[0] not in MODE_FLAGS:
            raise errors.InvalidInput(f"Unknown option `{flag[:20]}`: use `--repl` or nothing.")
        mode, text = MODE_FLAGS[flag], rest.strip()
    fenced = _FENCE.search(text)
    if fenced:
        language, code = fenced.group(1).lower(), fenced.group(2)
        if language not in PYTHON_TAGS:
            raise errors.InvalidInput(f"I only run Python, not `{language[:20]}`.")
    elif text.startswith("```"):
        raise errors.InvalidInput("That code block is not closed: end it with ```.")
    else:
        inline = _INLINE.match(text)
        code = inline.group(1) if inline else text
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
    return Snippet(code=code, mode=mode)


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
    return Reply(head + "\n" + block, attachments=attachments, meta=meta)
