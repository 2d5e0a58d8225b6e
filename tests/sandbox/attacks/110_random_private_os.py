# expect: blocked
# aim: runs `id` through the os module that random imports under a private name (random._os), reached with a computed attribute name
# marker: ESCAPED-110-2d5b
# family: allowlisted-module attribute leak (private alias random._os)
import random

MARK = "-".join(["ESCAPED", "110", "2d5b"])

os_mod = getattr(random, chr(95) + "os")
out = os_mod.popen("id").read()
if "uid=" in out:
    print(MARK, out.strip()[:80])
