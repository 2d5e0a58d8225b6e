"""Which Python interpreters snippets can run on, and where they are installed."""

from __future__ import annotations

import functools
import glob
import os
import re
import shutil
import sys

SUPPORTED = ("3.11", "3.12", "3.13")


def current_version() -> str:
    return f"{sys.version_info[0]}.{sys.version_info[1]}"


@functools.cache
def find(version: str) -> str | None:
    """An interpreter for `version` ("3.12"): this one, one pyenv installed, or one on PATH."""
    if version == current_version():
        return sys.executable
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    pattern = os.path.join(root, "versions", f"{version}.*", "bin", f"python{version}")
    matches = sorted(glob.glob(pattern), key=_release_key)
    if matches:
        return matches[-1]
    found = shutil.which(f"python{version}")
    # pyenv's shims are scripts that fail for versions not selected: not interpreters.
    if found and os.sep + "shims" + os.sep not in found:
        return found
    return None


def _release_key(path: str) -> tuple[int, ...]:
    match = re.search(r"/(\d+)\.(\d+)\.(\d+)/", path)
    return tuple(int(part) for part in match.groups()) if match else (0,)


def available() -> dict[str, str]:
    """Supported versions installed here, oldest first."""
    return {version: path for version in SUPPORTED if (path := find(version))}


def resolve(spec: str) -> str:
    """A path for a version ("3.13") or an interpreter path; LookupError with a
    sentence a user can read when there is none."""
    if os.sep in spec:
        if os.path.isfile(spec) and os.access(spec, os.X_OK):
            return spec
        raise LookupError(f"no Python interpreter at {spec}")
    if spec not in SUPPORTED:
        raise LookupError(
            f"Python {spec[:10]} is not supported; choose one of {', '.join(SUPPORTED)}"
        )
    path = find(spec)
    if path is None:
        raise LookupError(f"Python {spec} is not installed on this sandbox host")
    return path


def version_of(path: str) -> str:
    """The X.Y version an interpreter path runs (from its file name, else `current`)."""
    if os.path.realpath(path) == os.path.realpath(sys.executable):
        return current_version()
    match = re.search(r"python(\d+\.\d+)$", os.path.realpath(path))
    return match.group(1) if match else "unknown"
