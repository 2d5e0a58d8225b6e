# expect: blocked
# check: report-not-trusted
# layers: none
# aim: (sandbox-specific: under plain CPython fds 3-30 are not open) a report nested 975 lists deep: shallow enough for the worker's json.loads (few frames on its stack), deep enough that re-serialising and re-parsing it further up (the supervisor parses the worker's "done" line inside its event-loop task, with many frames already on the stack) raises RecursionError there and kills the event reader, so every pending run waits for its grace timeout and the worker is restarted; also non-UTF-8 bytes and NaN/Infinity in a second variant line. The marker only shows a write to a non-stdout fd succeeded; the test must check this run and a concurrent run get normal Results promptly (no SandboxError, no restart)
# marker: ESCAPED-245-c14e
# family: child report channel (depth and encoding of the report)
import os

depth = 975
forged = (
    '{"kind": "error", "error": {"type": "E", "message": "m", "line": NaN, "deep": '
    + "[" * depth
    + "]" * depth
    + "}}"
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
if hit:
    print("-".join(["ESCAPED", "245", "c14e"]), "deep report written to fds", hit, flush=True)
