# expect: blocked
# layers: none
# aim: (sandbox-specific) with unrestricted Python, dup2(1, fd) for every fd 3..30 so the sandbox's own end-of-run report is written into the run's output, after flooding each of them with 8 MiB (the reader must cap it without stalling); the snippet then raises an error whose message starts with "é": the traceback prints "é..." but a JSON report escapes it as "\u00e9...", so the escaped marker appears in the output only if the sandbox's internal report leaked into it. The test must also check status "error" and error.type "KeyError"
# marker: \\u00e9LEAK-246-d93a
# family: child report channel (dup/close/flood)
import os

flooded = []
for fd in range(3, 31):
    try:
        os.set_blocking(fd, False)
        chunk = b" " * 65536
        for _ in range(128):
            try:
                os.write(fd, chunk)
            except BlockingIOError:
                break
        os.set_blocking(fd, True)
        os.dup2(1, fd)
        flooded.append(fd)
    except OSError:
        continue
print("redirected fds", flooded, flush=True)
raise KeyError("\u00e9" + "-".join(["LEAK", "246", "d93a"]))
