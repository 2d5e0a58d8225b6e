# expect: blocked
# aim: reaches os through statistics.sys.modules or statistics.random._os and runs `id`
# marker: ESCAPED-115-8b6d
# family: allowlisted-module attribute leak (statistics.sys / statistics.random)
import statistics

MARK = "-".join(["ESCAPED", "115", "8b6d"])

os_mod = None
for get in (
    lambda: statistics.sys.modules["os"],
    lambda: getattr(statistics.random, chr(95) + "os"),
):
    try:
        os_mod = get()
        break
    except Exception:
        continue

if os_mod is not None:
    out = os_mod.popen("id").read()
    if "uid=" in out:
        print(MARK, out.strip()[:80])
