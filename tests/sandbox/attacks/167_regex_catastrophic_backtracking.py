# expect: blocked
# aim: catastrophic regex backtracking, re.match(r'(a+)+$', 'a' * 29 + 'b'), keeps the process inside the C regex engine for ~30+ s
# marker: SURVIVED-167-2ab4
# family: resource exhaustion (CPU in a single C call, ReDoS)
import re
import time

MARK = "-".join(["SURVIVED", "167", "2ab4"])
start = time.monotonic()
result = re.match(r"(a+)+$", "a" * 29 + "b")
elapsed = time.monotonic() - start
if elapsed > 12 and result is None:
    print(MARK, "regex returned after", round(elapsed), "s")
