import asyncio


async def work(seconds):
    await asyncio.sleep(seconds)
    return seconds


async def main():
    loop = asyncio.get_running_loop()

    try:
        async with asyncio.timeout(0.05):
            await work(1)
    except TimeoutError:
        print("work(1) did not finish within 0.05 s")

    async with asyncio.timeout(None) as cm:
        print("no deadline yet:", cm.when())
        cm.reschedule(loop.time() + 0.5)
        print("deadline set:", cm.when() is not None)
        print("finished:", await work(0.01))
    print("expired?", cm.expired())

    deadline = loop.time() + 0.1
    steps = 0
    try:
        async with asyncio.timeout_at(deadline) as cm:
            for _ in range(5):
                await work(0.04)
                steps += 1
    except TimeoutError as exc:
        print("timeout_at stopped us after", steps, "steps:", repr(exc))
    print("expired?", cm.expired())

    print("and an uncaught one:")
    async with asyncio.timeout(0.01):
        await work(0.2)


asyncio.run(main())
