# expect: blocked
# aim: reaches sys.modules through json.codecs.sys (json imports codecs, codecs imports sys) and runs `id` with the already-imported subprocess/os module
# marker: ESCAPED-111-f8c3
# family: allowlisted-module attribute leak (json -> codecs -> sys)
import json

MARK = "-".join(["ESCAPED", "111", "f8c3"])

modules = json.codecs.sys.modules
os_mod = modules["os"]
out = os_mod.popen("id").read()
if "uid=" in out:
    print(MARK, out.strip()[:80])
