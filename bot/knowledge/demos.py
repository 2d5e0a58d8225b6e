"""Demos under plain Python: how a topic's expected output is made and checked.

A demo's expected output is what `python3 -u snippet.py` prints (stdout and
stderr in one pipe, as a terminal shows them) on each supported Python; the
sandbox must print the same, on virtual time.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bot.knowledge.topics import BASE_VERSION, Topic
from bot.sandbox import interpreters

DEMO_TIMEOUT = 3.0  # seconds of real time a demo may take under plain Python
SCRIPT = "snippet.py"  # the name the sandbox gives a snippet, so paths agree


class DemoError(RuntimeError):
    pass


def run_plain(source: str, python: str, timeout: float = DEMO_TIMEOUT * 3) -> str:
    """What `python -u snippet.py` prints, the script's directory left out of paths."""
    with tempfile.TemporaryDirectory(prefix="awaitbot-demo-") as workdir:
        Path(workdir, SCRIPT).write_text(source, encoding="utf-8")
        try:
            done = subprocess.run(
                [python, "-u", SCRIPT],
                cwd=workdir,
                env={},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise DemoError(f"the demo ran longer than {timeout:g} s") from None
        text = done.stdout.decode("utf-8", "replace")
        return text.replace(os.path.join(os.path.realpath(workdir), SCRIPT), SCRIPT).replace(
            os.path.join(workdir, SCRIPT), SCRIPT
        )


def outputs_by_version(topic: Topic, versions: dict[str, str]) -> dict[str, str]:
    """The demo's output on each installed version (version -> path)."""
    with ThreadPoolExecutor(max_workers=len(versions) or 1) as pool:
        runs = {v: pool.submit(run_plain, topic.demo, path) for v, path in versions.items()}
        return {v: run.result() for v, run in runs.items()}


def with_outputs(text: str, outputs: dict[str, str]) -> str:
    """The topic file's text with its output sections replaced: `## Output`
    (the base version's), then one per version whose output differs."""
    head = re.split(r"^## Output\b", text, maxsplit=1, flags=re.M)[0].rstrip("\n")
    base = outputs[BASE_VERSION]
    parts = [head, "", "## Output", _fence(base)]
    for version, output in sorted(outputs.items()):
        if version != BASE_VERSION and output != base:
            parts += ["", f"## Output on {version}", _fence(output)]
    return "\n".join(parts) + "\n"


def _fence(output: str) -> str:
    if "```" in output:
        raise DemoError("the demo prints ``` (it would end the code block)")
    return "```text\n" + output + ("" if output.endswith("\n") or not output else "\n") + "```"


def refresh(topic: Topic) -> bool:
    """Rewrite the topic's file with fresh outputs; True if it changed. Versions
    not installed here keep what the file says."""
    if topic.path is None:
        raise DemoError("the topic has no file")
    versions = interpreters.available()
    if BASE_VERSION not in versions:
        raise DemoError(f"Python {BASE_VERSION} is needed for `## Output` and is not installed")
    outputs = dict(topic.outputs)
    outputs.update(outputs_by_version(topic, versions))
    old = topic.path.read_text(encoding="utf-8")
    new = with_outputs(old, outputs)
    if new != old:
        topic.path.write_text(new, encoding="utf-8")
    return new != old
