"""Benign asyncio programs print exactly what `python3 -u snippet.py` prints.

The reference runs the same file name from a fresh directory with stdout and
stderr on one pipe. Two documented normalisations apply to CPython's side only
(helpers.normalise_reference): the script's absolute path becomes `snippet.py`,
and tracebacks keep only the snippet's own frames.
"""

from __future__ import annotations

import pytest

from .helpers import (
    SNIPPETS,
    attack_files,
    header,
    normalise_reference,
    reference_output,
    run_batch,
    without_outside_frames,
)

CASES = sorted(SNIPPETS.glob("*.py")) + [
    path for path in attack_files() if header(path).get("expect") == "ok"
]


@pytest.fixture(scope="module")
def sandboxed():
    return run_batch(((str(p), p.read_text(encoding="utf-8")) for p in CASES), timeout=10)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_sandbox_output_equals_plain_python(path, sandboxed, tmp_path):
    source = path.read_text(encoding="utf-8")
    expected, returncode = reference_output(source, tmp_path)
    result = sandboxed[str(path)]
    assert without_outside_frames(result.output) == normalise_reference(expected, tmp_path)
    # A process ended by a signal has no exit code; subprocess reports -signal.
    assert (-result.signal if result.signal else result.returncode) == returncode
    assert result.status == ("ok" if returncode == 0 else "error")


def test_enough_teaching_programs_are_compared():
    assert len(CASES) >= 20
