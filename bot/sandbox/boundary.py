"""The outer jail around the warm worker, built by bubblewrap.

bubblewrap (a Debian package, the jail tool Flatpak uses) gives the worker, and
so every child it forks, a fresh root filesystem holding only what a Python
interpreter needs, read-only; its own IPC, PID, network, UTS and (where the
kernel allows) cgroup namespaces; an empty environment; and only the five
capabilities the worker needs:

- CAP_SYS_ADMIN: mount a fresh, size-limited tmpfs for every run;
- CAP_SETUID, CAP_SETGID: drop each child to its cell's unprivileged uid;
- CAP_KILL: kill a child's process group at the deadline (other uid than ours);
- CAP_SYS_NICE: give a spare, prepared on idle CPU only, normal priority for its run.

Children give up all of them when they change uid. The per-run fork, rlimits,
Landlock and seccomp (jail.py, seccomp.py) stay inside for speed and depth.
"""

from __future__ import annotations

import os
import shutil

# Where our code and RestrictedPython appear inside the jail.
JAIL_PACKAGE = "/opt/awaitbot/awaitbot_sandbox"
JAIL_SITE = "/opt/awaitbot/site"
JAIL_RUNS = "/tmp"
HOSTNAME = "sandbox"
CAPABILITIES = ("CAP_SYS_ADMIN", "CAP_SETUID", "CAP_SETGID", "CAP_KILL", "CAP_SYS_NICE")
DEVICES = ("/dev/null", "/dev/zero", "/dev/random", "/dev/urandom")
# Read-only files a Python process reads: the dynamic linker's cache, time zone.
ETC_FILES = ("/etc/ld.so.cache", "/etc/localtime")
TOP_LEVEL = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")


def bwrap() -> str | None:
    return shutil.which("bwrap")


def interpreter_prefix(python: str) -> str:
    """The installation directory of `python` (realpath; venvs resolve to their base)."""
    real = os.path.realpath(python)
    return os.path.dirname(os.path.dirname(real))


def command(
    python: str,
    package_dir: str,
    site_packages: dict[str, str],
    binds: list[tuple[str, str]],
) -> list[str]:
    """The bwrap command line that starts `python` as the worker's PID 1.

    `site_packages` maps a package name to its directory (bound under JAIL_SITE);
    `binds` are extra read-write (host, jail) directories (the cgroups)."""
    program = bwrap()
    if program is None:
        raise FileNotFoundError("bwrap")
    args = [
        program,
        *("--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts"),
        *("--unshare-cgroup-try", "--hostname", HOSTNAME),
        *("--die-with-parent", "--new-session", "--clearenv", "--as-pid-1"),
        *("--cap-drop", "ALL"),
    ]
    for capability in CAPABILITIES:
        args += ["--cap-add", capability]
    args += ["--ro-bind", "/usr", "/usr"]
    for path in TOP_LEVEL:
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    prefix = interpreter_prefix(python)
    if not prefix.startswith("/usr/"):
        args += ["--ro-bind", prefix, prefix]
    for path in ETC_FILES:
        args += ["--ro-bind-try", path, path]
    for device in DEVICES:
        args += ["--dev-bind-try", device, device]
    args += ["--ro-bind", package_dir, JAIL_PACKAGE]
    for name, path in site_packages.items():
        args += ["--ro-bind", path, f"{JAIL_SITE}/{name}"]
    for host, inside in binds:
        args += ["--bind", host, inside]
    args += ["--proc", "/proc", "--size", str(1 << 20), "--perms", "0755", "--tmpfs", JAIL_RUNS]
    # bubblewrap creates the parents of what it mounts as root-only (0700); the
    # children, running as other users, must be able to walk through them.
    for parent in _parents(args):
        args += ["--chmod", "0755", parent]
    args += ["--remount-ro", "/", "--chdir", "/", "--", os.path.realpath(python)]
    return args


_TWO_PATHS = {"--ro-bind", "--ro-bind-try", "--bind", "--dev-bind-try", "--symlink"}


def _parents(args: list[str]) -> list[str]:
    """Directories bubblewrap made on the way to a mount point (not mounts themselves)."""
    targets = {args[i + 2] for i, arg in enumerate(args) if arg in _TWO_PATHS}
    targets |= {args[i + 1] for i, arg in enumerate(args) if arg in ("--proc", "--tmpfs")}
    parents = set()
    for target in targets:
        parent = os.path.dirname(target)
        while parent not in ("/", "") and parent not in targets:
            parents.add(parent)
            parent = os.path.dirname(parent)
    return sorted(parents)


def namespace_ids() -> dict[str, int]:
    """The calling process's namespaces by inode, to tell which ones are new."""
    found = {}
    for name in ("net", "pid", "ipc", "uts", "mnt", "cgroup"):
        try:
            found[name] = os.stat(f"/proc/self/ns/{name}").st_ino
        except OSError:
            pass
    return found
