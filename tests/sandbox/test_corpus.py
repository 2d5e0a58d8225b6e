"""The teaching corpus (tests/sandbox/corpus): each program prints in the sandbox
exactly what plain CPython of the same version printed for it, stored in
corpus/expected/<version>/ by corpus/generate.py (never typed by hand). For a
supported version with nothing stored, plain CPython runs it here and now."""

from __future__ import annotations

import pytest

from bot.sandbox import interpreters

from .helpers import (
    HERE,
    WORKER_PYTHON,
    normalise_reference,
    reference_output,
    run_batch,
    stdlib_hidden,
    without_outside_frames,
)

CORPUS = HERE / "corpus"
PROGRAMS = sorted(p for p in CORPUS.glob("*.py") if p.name != "generate.py")
VERSION = interpreters.version_of(WORKER_PYTHON)
# Programs the sandbox refuses on purpose, and why.
KNOWN_DIFFERENCES = {
    "introspect_dunders": "reads __class__, __dict__, vars(), __annotations__ and dir(), "
    "which lead to the real metaclass, globals and frames",
}


@pytest.fixture(scope="module")
def results():
    return run_batch(((p.stem, p.read_text(encoding="utf-8")) for p in PROGRAMS), timeout=10)


def expected(program, tmp_path) -> tuple[str, int]:
    out = CORPUS / "expected" / VERSION / f"{program.stem}.out"
    if out.exists():
        return out.read_text(encoding="utf-8"), int(out.with_suffix(".rc").read_text())
    output, returncode = reference_output(program.read_text(encoding="utf-8"), tmp_path)
    return stdlib_hidden(normalise_reference(output, tmp_path), WORKER_PYTHON), returncode


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.stem)
def test_a_teaching_program_prints_what_cpython_prints(program, results, tmp_path):
    result = results[program.stem]
    if program.stem in KNOWN_DIFFERENCES:
        assert result.status == "rejected" and result.error["type"] == "PolicyError"
        return
    output, returncode = expected(program, tmp_path)
    shown = stdlib_hidden(without_outside_frames(result.output), WORKER_PYTHON)
    assert shown == output
    assert (-result.signal if result.signal else result.returncode) == returncode
    assert result.status == ("ok" if returncode == 0 else "error")


def test_the_corpus_is_big_and_stored_for_every_supported_version():
    assert len(PROGRAMS) >= 60
    for version in interpreters.SUPPORTED:
        stored = list((CORPUS / "expected" / version).glob("*.out"))
        assert len(stored) == len(PROGRAMS), version
