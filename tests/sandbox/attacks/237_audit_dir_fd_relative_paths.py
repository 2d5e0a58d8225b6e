# expect: blocked
# layers: audit
# aim: (sandbox-specific; assumes layers 1-2 already fell) the hook judges a path by os.path.realpath relative to the current directory and lets int paths through, but the kernel resolves dir_fd= calls relative to a directory descriptor: a read-only open of a directory outside the run dir is allowed (open event, reading), then os.listdir(fd), os.scandir(fd), os.stat(name, dir_fd=fd) and os.open(name, O_CREAT|O_WRONLY, dir_fd=fd) are judged as if the name were inside the run dir (only Landlock stops the write); the marker is the listing of a directory Landlock lets the child read (time zone data, or the stdlib) through its fd, refused by path
# marker: ESCAPED-237-71bf
# family: audit hook state is mutable (dir_fd and fd paths)
import os

MARK = "-".join(["ESCAPED", "237", "71bf"])
# A directory Landlock lets the child read but the hook refuses to list (the stdlib
# directory also qualifies where the slot uid may traverse to it).
stdlib = next(p for p in ("/usr/share/zoneinfo", os.path.dirname(os.__file__)) if os.path.isdir(p))

try:
    before = len(os.listdir(stdlib))
except OSError:
    before = None
after = None
try:
    fd = os.open(stdlib, os.O_RDONLY | os.O_DIRECTORY)
except OSError as exc:
    print("open dir", exc)
else:
    try:
        after = len(os.listdir(fd))
    except OSError as exc:
        print("listdir fd", exc)
    try:
        print("stat via dir_fd", os.stat("os.py", dir_fd=fd).st_size)
    except OSError as exc:
        print("stat", exc)
    try:
        os.close(os.open("planted.txt", os.O_CREAT | os.O_WRONLY, 0o644, dir_fd=fd))
        print("wrote into the stdlib directory")
    except OSError as exc:
        print("write via dir_fd refused by", "the hook" if "sandbox" in str(exc) else "the kernel")
print("before", before, "after", after)
if before is None and after:
    print(MARK, "listed", after, "entries of", stdlib)
