"""Regenerate the corpus's expected outputs from a real CPython.

Every other `*.py` file in this folder is one teaching program. Each is run the way
`tests/sandbox/helpers.py` `reference_output` runs a snippet: copied into a fresh
temporary directory as `snippet.py`, started as `python -u snippet.py` with an
empty environment, stdout and stderr on one pipe. The output then goes through
`normalise_reference` (the same function the parity test uses) and is written to

    expected/<major.minor>/<name>.out   the normalised output, byte for byte
    expected/<major.minor>/<name>.rc    the exit code and a newline

Run it from the repository root with the project's virtualenv (it imports
`tests.sandbox.helpers`):

    .venv/bin/python tests/sandbox/corpus/generate.py                   # this Python
    .venv/bin/python tests/sandbox/corpus/generate.py --python 3.12     # python3.12
    .venv/bin/python tests/sandbox/corpus/generate.py --check           # compare only
    .venv/bin/python tests/sandbox/corpus/generate.py --repeat 3 NAME   # determinism

The expected files are never edited by hand: change a program, then rerun this.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import subprocess
import sys
import tempfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
EXPECTED = CORPUS / "expected"
REPO = CORPUS.parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.sandbox import interpreters  # noqa: E402
from tests.sandbox.helpers import (  # noqa: E402
    normalise_reference,
    reference_output,
    stdlib_hidden,
)


def programs(names: list[str]) -> list[Path]:
    """The corpus programs (every .py here but this script), or the named ones."""
    found = sorted(p for p in CORPUS.glob("*.py") if p.name != Path(__file__).name)
    for program in found:
        if program.name.startswith("ge"):
            # ruff.toml here tells programs from this script by that prefix.
            raise SystemExit(f"{program.name}: corpus names must not start with 'ge'")
    if not names:
        return found
    wanted = {name.removesuffix(".py") for name in names}
    unknown = wanted - {p.stem for p in found}
    if unknown:
        raise SystemExit(f"no such corpus program: {', '.join(sorted(unknown))}")
    return [p for p in found if p.stem in wanted]


def find_python(spec: str | None) -> str:
    """A path or a version such as `3.12`, found as the sandbox finds it."""
    if spec is None:
        return sys.executable
    try:
        return interpreters.resolve(spec)
    except LookupError as exc:
        raise SystemExit(str(exc)) from exc


def version_of(python: str) -> str:
    done = subprocess.run(
        [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def run_program(python: str, program: Path) -> tuple[str, int]:
    """One plain run of `program`, as the parity tests run a reference, normalised."""
    with tempfile.TemporaryDirectory(prefix="corpus-") as folder:
        workdir = Path(folder)
        source = program.read_bytes().decode("utf-8", "surrogateescape")
        output, returncode = reference_output(source, workdir, python)
        return stdlib_hidden(normalise_reference(output, workdir), python), returncode


def run_repeatedly(python: str, program: Path, repeat: int) -> tuple[str, int, list[str]]:
    """Run `repeat` times; the first outcome, plus a note for each run that differed."""
    first = run_program(python, program)
    notes = []
    for attempt in range(2, repeat + 1):
        again = run_program(python, program)
        if again != first:
            notes.append(f"{program.stem}: run {attempt} differs from run 1")
    return first[0], first[1], notes


def expected_paths(version: str, program: Path) -> tuple[Path, Path]:
    folder = EXPECTED / version
    return folder / f"{program.stem}.out", folder / f"{program.stem}.rc"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="only these programs (default: all)")
    parser.add_argument("--python", help="interpreter path, command or version (default: this one)")
    parser.add_argument(
        "--check", action="store_true", help="compare with the stored files, write nothing"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="run each program N times; fail if any run differs"
    )
    parser.add_argument(
        "-j", "--jobs", type=int, default=1, help="programs run at once (timing demos prefer 1)"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.jobs < 1:
        parser.error("--repeat and --jobs must be at least 1")

    python = find_python(args.python)
    version = version_of(python)
    selected = programs(args.names)
    print(f"{len(selected)} programs with {python} (Python {version})", file=sys.stderr)

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        outcomes = list(pool.map(lambda p: run_repeatedly(python, p, args.repeat), selected))

    problems: list[str] = []
    changed = 0
    for program, (output, returncode, notes) in zip(selected, outcomes, strict=True):
        problems.extend(notes)
        out_path, rc_path = expected_paths(version, program)
        new_out, new_rc = output.encode("utf-8"), f"{returncode}\n".encode()
        old_out = out_path.read_bytes() if out_path.exists() else None
        old_rc = rc_path.read_bytes() if rc_path.exists() else None
        if (old_out, old_rc) == (new_out, new_rc):
            continue
        changed += 1
        if args.check:
            problems.append(f"{program.stem}: output differs from {out_path.relative_to(CORPUS)}")
            continue
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_bytes(new_out)
        rc_path.write_bytes(new_rc)
        print(f"wrote {out_path.relative_to(CORPUS)} (exit code {returncode})", file=sys.stderr)

    if not args.check and not args.names:
        stems = {p.stem for p in selected}
        for stale in sorted((EXPECTED / version).glob("*")):
            if stale.stem not in stems:
                stale.unlink()
                print(f"removed {stale.relative_to(CORPUS)}: no such program", file=sys.stderr)

    for problem in problems:
        print(problem, file=sys.stderr)
    verb = "differ" if args.check else "changed"
    print(f"{changed} of {len(selected)} {verb}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
