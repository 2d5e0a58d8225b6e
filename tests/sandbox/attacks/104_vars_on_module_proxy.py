# expect: blocked
# aim: unwraps an allowlisted module proxy with vars()/dir()+getattr to reach attributes it does not list (asyncio.base_events -> os) and runs `id`
# marker: ESCAPED-104-5d3e
# family: module proxy bypass (vars/dir)
import asyncio

MARK = "-".join(["ESCAPED", "104", "5d3e"])

os_mod = None
try:
    ns = vars(asyncio)
    os_mod = ns["base_events"].os
except Exception:
    os_mod = None
if os_mod is None:
    for name in dir(asyncio):
        try:
            candidate = getattr(asyncio, name).os
            if hasattr(candidate, "popen"):
                os_mod = candidate
                break
        except Exception:
            continue

if os_mod is not None:
    out = os_mod.popen("id").read()
    if "uid=" in out:
        print(MARK, out.strip()[:80])
