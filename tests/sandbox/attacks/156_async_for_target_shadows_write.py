# expect: blocked
# aim: binds the name _write_ as the target of an `async for` (async twin of a for-loop target), replacing the write guard, and mutates a shared stdlib module
# marker: ESCAPED-156-47ac
# family: policy (guard-hook shadowing, async for target)
import asyncio
import math

MARK = "-".join(["ESCAPED", "156", "47ac"])


async def identity_source():
    yield lambda ob: ob


async def poison():
    async for _write_ in identity_source():  # noqa: B007
        math.tau = 156


asyncio.run(poison())
if math.tau == 156:
    print(MARK, "module attribute overwritten through _write_ bound by async for")
