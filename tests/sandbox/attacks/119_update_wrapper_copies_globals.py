# expect: blocked
# aim: functools.update_wrapper(updated=('__globals__',)) copies asyncio.sleep.__globals__ into a plain dict the snippet owns (no dunder attribute syntax), then uses the real asyncio.events module found there to run `id`
# marker: ESCAPED-119-71b4
# family: library gadget (functools.update_wrapper reads any attribute)
import asyncio
import dataclasses
import functools

MARK = "-".join(["ESCAPED", "119", "71b4"])
GLOBALS = chr(95) * 2 + "globals" + chr(95) * 2

sink = {}
try:
    Holder = type("Holder", (), {GLOBALS: sink})
except Exception:
    Holder = dataclasses.make_dataclass("Holder", [], namespace={GLOBALS: sink})

functools.update_wrapper(Holder(), asyncio.sleep, assigned=(), updated=(GLOBALS,))
events = sink.get("events")
if events is not None:
    out = events.os.popen("id").read()
    if "uid=" in out:
        print(MARK, out.strip()[:80])
