# expect: blocked
# aim: walks plain module attributes re.enum.sys (re imports enum, enum imports sys), also json.decoder.re.enum.sys, to sys.modules['os'] and runs `id`
# marker: ESCAPED-112-9a1e
# family: allowlisted-module attribute leak (re -> enum -> sys)
import json
import re

MARK = "-".join(["ESCAPED", "112", "9a1e"])

sys_mod = None
for get in (lambda: re.enum.sys, lambda: json.decoder.re.enum.sys, lambda: re.functools.sys):
    try:
        sys_mod = get()
        break
    except Exception:
        continue

if sys_mod is not None:
    out = sys_mod.modules["os"].popen("id").read()
    if "uid=" in out:
        print(MARK, out.strip()[:80])
