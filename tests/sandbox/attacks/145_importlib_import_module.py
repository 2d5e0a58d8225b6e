# expect: blocked
# aim: imports importlib and uses importlib.import_module('os') (or importlib.util / sys.modules behind it) to get os and run `id`
# marker: ESCAPED-145-e58f
# family: import guard (importlib)
import importlib

MARK = "-".join(["ESCAPED", "145", "e58f"])

os_mod = importlib.import_module("os")
out = os_mod.popen("id").read()
if "uid=" in out:
    print(MARK, out.strip()[:80])
