# expect: blocked
# aim: binds the name _write_ with `async with ... as _write_` (async twin of with-as), replacing the write guard, and mutates a shared stdlib module
# marker: ESCAPED-157-e1d6
# family: policy (guard-hook shadowing, async with target)
import asyncio
import contextlib
import math

MARK = "-".join(["ESCAPED", "157", "e1d6"])


@contextlib.asynccontextmanager
async def identity():
    yield lambda ob: ob


async def poison():
    async with identity() as _write_:  # noqa: F841
        math.tau = 157


asyncio.run(poison())
if math.tau == 157:
    print(MARK, "module attribute overwritten through _write_ bound by async with")
