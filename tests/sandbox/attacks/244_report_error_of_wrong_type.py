# expect: blocked
# check: report-not-trusted
# layers: none
# aim: (sandbox-specific: under plain CPython fds 3-30 are not open) with unrestricted Python, a report that is a JSON object but with fields of the wrong types: "error" a string (the supervisor calls error.get -> AttributeError out of Sandbox.run), kind "policy" so the run is shown as "rejected" although it ran, a message that is a nested object. Padded to 64 KiB so the real report is dropped, written to every fd 3..30. The marker only shows a write to a non-stdout fd succeeded; the test must check Sandbox.run returns a Result with status "ok" for this run
# marker: ESCAPED-244-7a3b
# family: child report channel (fields of the wrong type)
import json
import os

forged = json.dumps({"kind": "policy", "error": "boom", "extra": {"message": {"nested": [1]}}})
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
    print("-".join(["ESCAPED", "244", "7a3b"]), "odd report written to fds", hit, flush=True)
