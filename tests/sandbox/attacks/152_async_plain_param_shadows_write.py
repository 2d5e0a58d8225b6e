# expect: blocked
# aim: an `async def` with an ordinary positional parameter named _write_ replaces the write guard and mutates a shared stdlib module (the check visit_FunctionDef applies must also run for AsyncFunctionDef)
# marker: ESCAPED-152-6c07
# family: policy (guard-hook shadowing, async def argument)
import asyncio
import math

MARK = "-".join(["ESCAPED", "152", "6c07"])


async def poison(_write_):
    await asyncio.sleep(0)
    math.e = 2


asyncio.run(poison(lambda ob: ob))
if math.e == 2:
    print(MARK, "module attribute overwritten through shadowed _write_ (async argument)")
