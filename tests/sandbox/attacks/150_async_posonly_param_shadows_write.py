# expect: blocked
# aim: async twin of the positional-only guard-shadowing hole: an `async def` with a positional-only parameter named _write_ replaces the write guard and mutates a shared stdlib module
# marker: ESCAPED-150-5f1a
# family: policy (guard-hook shadowing, async def posonly)
import asyncio
import math

MARK = "-".join(["ESCAPED", "150", "5f1a"])


async def poison(_write_, /):
    # compiled as `_write_(math).tau = 4242`, and _write_ is now our parameter
    math.tau = 4242


asyncio.run(poison(lambda ob: ob))
if math.tau == 4242:
    print(MARK, "module attribute overwritten through shadowed _write_ (async posonly)")
