# expect: blocked
# aim: stays inside one C call for ~30 s (sum over range(2 * 10**9)) so asyncio timeouts, cancellation and Python signal handlers never get a chance to run
# marker: SURVIVED-166-f61a
# family: resource exhaustion (CPU in a single C call, builtin iteration)
import time

MARK = "-".join(["SURVIVED", "166", "f61a"])
start = time.monotonic()
total = sum(range(2 * 10**9))
elapsed = time.monotonic() - start
if elapsed > 12 and total == 1999999999000000000:
    print(MARK, "sum finished after", round(elapsed), "s")
