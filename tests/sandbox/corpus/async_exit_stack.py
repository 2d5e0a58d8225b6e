import asyncio
from contextlib import AsyncExitStack, asynccontextmanager


@asynccontextmanager
async def lease(resource):
    if resource == "printer":
        raise OSError("printer is offline")
    print("acquire", resource)
    await asyncio.sleep(0)
    yield resource.upper()
    print("release", resource)


async def say(message):
    await asyncio.sleep(0)
    print(message)


async def main():
    async with AsyncExitStack() as stack:
        handles = [await stack.enter_async_context(lease(r)) for r in ["db", "cache", "queue"]]
        stack.push_async_callback(say, "async callback (registered last, runs first)")
        stack.callback(print, "plain callback")
        print("using", handles)

    print("--- a failure halfway ---")
    try:
        async with AsyncExitStack() as stack:
            for resource in ["db", "printer", "cache"]:
                await stack.enter_async_context(lease(resource))
    except OSError as exc:
        print("OSError:", exc)

    print("--- keeping resources past the block ---")
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(lease("socket"))
        kept = stack.pop_all()
    print("block left, socket still held")
    await kept.aclose()


asyncio.run(main())
