# expect: blocked
# aim: reaches the real __import__ through the __builtins__ name (module or dict form) and runs `id` with os.popen
# marker: ESCAPED-100-a41c
# family: builtins access (__builtins__ name)
MARK = "-".join(["ESCAPED", "100", "a41c"])

table = __builtins__
imp = table["__import__"] if isinstance(table, dict) else table.__import__
out = imp("os").popen("id").read()
if "uid=" in out:
    print(MARK, out.strip()[:80])
