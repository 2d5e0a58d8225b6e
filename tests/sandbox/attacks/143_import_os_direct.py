# expect: blocked
# aim: plain `import os` (and `import posix`, the C module os is built on) then runs `id`
# marker: ESCAPED-143-c4e1
# family: import guard (denied module)
MARK = "-".join(["ESCAPED", "143", "c4e1"])
out = ""
try:
    import os

    out = os.popen("id").read()
except Exception:
    out = ""
if "uid=" not in out:
    try:
        import posix

        rd, wr = posix.pipe()
        pid = posix.fork()
        if pid == 0:
            posix.dup2(wr, 1)
            posix.execv("/usr/bin/id", ["id"])
        posix.close(wr)
        out = posix.read(rd, 4096).decode()
        posix.waitpid(pid, 0)
    except Exception:
        out = ""
if "uid=" in out:
    print(MARK, out.strip()[:80])
