# expect: blocked
# layers: none
# aim: Landlock restricts opening files and listing directories but not stat(), lstat(), readlink() or access() on paths outside the run directory, so a run can probe the host filesystem: which users exist (/home/*, /root/.ssh), sizes and mtimes of /etc/shadow, the bot's code and data (/work, /app, /data), container markers (/.dockerenv), /proc/1/root, /sys; also os.listdir and open on /, /home, /root, /run, /etc, /sys. The marker is printed if any path outside the run directory, the stdlib and /dev/null can be stat()ed or listed
# marker: ESCAPED-264-e3f7
# family: jail gaps (host filesystem metadata)
import os

here = os.path.realpath(os.getcwd())
# Not probed: "/", and "/root" and "/opt", the empty directories the jail's own
# mounts (the interpreter, the sandbox's code) sit in; they hold no host data.
PATHS = [
    "/etc/passwd",
    "/etc/shadow",
    "/etc/hostname",
    "/home",
    "/root/.ssh",
    "/run",
    "/run/dbus",
    "/run/docker.sock",
    "/var/run/docker.sock",
    "/.dockerenv",
    "/work",
    "/app",
    "/data",
    "/proc/1/root",
    "/proc/1/cwd",
    "/proc/1/exe",
    "/sys",
    "/sys/fs/cgroup",
    "/etc/machine-id",
    "/var/lib",
]
seen = []
for path in PATHS:
    facts = []
    try:
        st = os.stat(path)
        facts.append(f"stat size={st.st_size} uid={st.st_uid}")
    except OSError:
        pass
    try:
        facts.append("readlink " + os.readlink(path))
    except OSError:
        pass
    try:
        facts.append(f"listdir {sorted(os.listdir(path))[:6]}")
    except OSError:
        pass
    try:
        with open(path, "rb") as handle:
            facts.append(f"read {handle.read(40)!r}")
    except OSError:
        pass
    if facts:
        seen.append((path, facts))
for path, facts in seen:
    print(path, facts)
if seen:
    print("-".join(["ESCAPED", "264", "e3f7"]), len(seen), "host paths probed")
