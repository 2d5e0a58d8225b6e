# expect: blocked
# aim: `from asyncio import base_events, unix_events` pulls real submodules out of the allowlisted package by from-import (attribute fetch after import, not a dotted import) and runs `id` via their os
# marker: ESCAPED-146-64d1
# family: import guard (from-import of submodules of an allowlisted package)
MARK = "-".join(["ESCAPED", "146", "64d1"])
out = ""
try:
    from asyncio import base_events

    out = base_events.os.popen("id").read()
except Exception:
    out = ""
if "uid=" not in out:
    try:
        from asyncio import subprocess as aio_subprocess

        out = aio_subprocess.subprocess.check_output(["id"]).decode()
    except Exception:
        out = ""
if "uid=" in out:
    print(MARK, out.strip()[:80])
