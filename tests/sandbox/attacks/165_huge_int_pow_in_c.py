# expect: blocked
# aim: spends ~30 s inside ONE C-level operation (10 ** (2 * 10**7), a 66-million-bit integer) where no Python-level timeout, signal handler or task cancellation can run
# marker: SURVIVED-165-8d2f
# family: resource exhaustion (CPU in a single C call, big integers)
import time

MARK = "-".join(["SURVIVED", "165", "8d2f"])
start = time.monotonic()
value = 10 ** (2 * 10**7)
elapsed = time.monotonic() - start
if elapsed > 12:
    print(MARK, "computed a", value.bit_length(), "bit integer in", round(elapsed), "s")
