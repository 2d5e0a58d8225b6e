# expect: blocked
# aim: opens file descriptors 3..63 by number with open(fd) (no path for a path-based check to see) and reads any inherited regular file the sandbox left open (supervisor files, databases, config)
# marker: ESCAPED-138-1f6d
# family: OS-layer isolation (inherited file descriptors)
MARK = "-".join(["ESCAPED", "138", "1f6d"])

for fd in range(3, 64):
    try:
        fh = open(fd, "rb", closefd=False)
    except Exception:
        continue
    try:
        if not fh.seekable():  # pipes/sockets could block; regular files cannot
            continue
        fh.seek(0)
        data = fh.read(256)
    except Exception:
        continue
    if data:
        print(MARK, "read inherited fd", fd, repr(data[:40]))
        break
