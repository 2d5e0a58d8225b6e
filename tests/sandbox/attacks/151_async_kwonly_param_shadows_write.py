# expect: blocked
# aim: an `async def` with a keyword-only parameter named _write_ (default: identity) replaces the write guard and mutates a shared stdlib module
# marker: ESCAPED-151-a3d9
# family: policy (guard-hook shadowing, async def kwonly)
import asyncio
import math

MARK = "-".join(["ESCAPED", "151", "a3d9"])


async def poison(*, _write_=lambda ob: ob):
    math.pi = 3
    await asyncio.sleep(0)


asyncio.run(poison())
if math.pi == 3:
    print(MARK, "module attribute overwritten through shadowed _write_ (async kwonly)")
