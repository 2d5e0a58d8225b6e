# expect: blocked
# check: report-not-trusted
# layers: none
# aim: (sandbox-specific: under plain CPython fds 3-30 are not open) with unrestricted Python the snippet writes a forged report - {"kind": "memory"} padded with spaces to 64 KiB, enough to fill the worker's report buffer so the real report is dropped - to every fd from 3 to 30, closes them, then fails with a real error; the marker only shows that a write to a non-stdout fd succeeded: the test must check the Result still says what happened (status "error", error.type "ZeroDivisionError"), not the forged "memory" / "forged-240"
# marker: ESCAPED-240-5e1d
# family: child report channel (forged report)
import json
import os

MARK = "-".join(["ESCAPED", "240", "5e1d"])
forged = json.dumps(
    {"kind": "memory", "error": {"type": "MemoryError", "message": "forged-240", "line": 1}}
)
payload = (forged + " " * (65536 - len(forged))).encode()
hit = []
for fd in range(3, 31):
    try:
        os.set_blocking(fd, True)
        written = 0
        while written < len(payload):
            written += os.write(fd, payload[written:])
        hit.append(fd)
    except OSError:
        continue
for fd in hit:
    try:
        os.close(fd)
    except OSError:
        pass
if hit:
    print(MARK, "forged report written to fds", hit, flush=True)
1 / 0
