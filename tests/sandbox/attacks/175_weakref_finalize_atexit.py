# expect: blocked
# aim: registers an at-exit callback with weakref.finalize (weakref reached through asyncio's own imports), which runs after the snippet body is done, sleeps 30 s and prints
# marker: SURVIVED-175-3e14
# family: resource exhaustion (wall clock, atexit-style hook)
import asyncio
import time

MARK = "-".join(["SURVIVED", "175", "3e14"])
START = time.monotonic()


def linger():
    time.sleep(30)
    print(MARK, "exit hook ran", round(time.monotonic() - START), "s after start")


class Anchor:
    pass


weakref = None
for get in (lambda: asyncio.tasks.weakref, lambda: asyncio.base_events.weakref):
    try:
        weakref = get()
        break
    except Exception:
        continue

anchor = Anchor()
if weakref is not None:
    hook = weakref.finalize(anchor, linger)  # atexit=True by default
print("snippet body done")
