# expect: blocked
# check: report-not-trusted
# layers: none
# aim: (sandbox-specific: under plain CPython fds 3-30 are not open) with unrestricted Python, writes 64 KiB of "[" (a RecursionError in any json.loads) and then a JSON list, a JSON string and 64 KiB of "{" to every fd 3..30; whatever reads the child's side channel must survive: the test must check that this run and a concurrent run both get normal Results (no SandboxError, no worker restart). The marker only shows a write to a non-stdout fd succeeded
# marker: ESCAPED-242-19f4
# family: child report channel (worker crash via deep JSON)
import os

hit = []
for fd in range(3, 31):
    try:
        os.set_blocking(fd, True)
        os.write(fd, b"[" * 65536)
        hit.append(fd)
    except OSError:
        continue
if hit:
    print("-".join(["ESCAPED", "242", "19f4"]), "deep JSON written to fds", hit, flush=True)
