# expect: blocked
# aim: runs `id` with subprocess found through datetime.sys.modules (the pure-Python datetime module keeps `sys` as a public attribute)
# marker: ESCAPED-114-c5a2
# family: allowlisted-module attribute leak (datetime.sys)
import datetime

MARK = "-".join(["ESCAPED", "114", "c5a2"])

modules = datetime.sys.modules
sp = modules.get("subprocess")
if sp is None:
    sp = modules["os"]
    out = sp.popen("id").read()
else:
    out = sp.check_output(["id"]).decode()
if "uid=" in out:
    print(MARK, out.strip()[:80])
