# expect: blocked
# aim: finds the real builtins (and __import__) through globals() / vars() / locals() of the snippet's own namespace (or a function's globals() view) and runs `id`
# marker: ESCAPED-103-19f0
# family: namespace introspection (globals/vars/locals)
MARK = "-".join(["ESCAPED", "103", "19f0"])
KEY = chr(95) * 2 + "builtins" + chr(95) * 2
IMP = chr(95) * 2 + "import" + chr(95) * 2


def lookups():
    yield lambda: globals()
    yield lambda: vars()
    yield lambda: locals()


found = None
for get in lookups():
    try:
        ns = get()
        table = ns[KEY]
        found = table[IMP] if isinstance(table, dict) else getattr(table, IMP)
        break
    except Exception:
        continue

if found is not None:
    out = found("os").popen("id").read()
    if "uid=" in out:
        print(MARK, out.strip()[:80])
