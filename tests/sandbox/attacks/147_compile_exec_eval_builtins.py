# expect: blocked
# aim: runs unrestricted code with exec / eval / compile reached as builtins under other names (aliases, builtins lookups), so no guard is compiled into it; the code walks to os._wrap_close and runs `id`
# marker: ESCAPED-147-8f30
# family: dangerous builtins (exec/eval/compile)
MARK = "-".join(["ESCAPED", "147", "8f30"])
SRC = (
    "[c for c in ().__class__.__base__.__subclasses__()"
    " if c.__name__ == '_wrap_close'][0].__init__.__globals__['popen']('id').read()"
)


def runners():
    yield lambda: eval(SRC)
    yield lambda: eval(compile(SRC, "<x>", "eval"))
    yield lambda: getattr(__builtins__, "eval")(SRC)  # noqa: B009
    yield lambda: __builtins__["eval"](SRC)


out = ""
for run in runners():
    try:
        out = run()
    except Exception:
        continue
    if "uid=" in out:
        print(MARK, out.strip()[:80])
        break
