import asyncio


async def sleeper(name, delay):
    try:
        await asyncio.sleep(delay)
        return name
    except asyncio.CancelledError:
        print(name, "was cancelled")
        raise
    finally:
        print(name, "cleanup")


async def main():
    task = asyncio.create_task(sleeper("slow", 10))
    await asyncio.sleep(0.01)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("task.cancelled():", task.cancelled())
    try:
        await asyncio.wait_for(sleeper("waited", 10), timeout=0.01)
    except TimeoutError:
        print("wait_for raised TimeoutError")
    inner = asyncio.create_task(sleeper("shielded", 0.02))
    try:
        async with asyncio.timeout(0.005):
            await asyncio.shield(inner)
    except TimeoutError:
        print("outer timed out, inner running:", not inner.done())
    print("inner result:", await inner)
    done, pending = await asyncio.wait(
        [asyncio.create_task(asyncio.sleep(0.001, "fast")), asyncio.create_task(asyncio.sleep(1))],
        return_when=asyncio.FIRST_COMPLETED,
    )
    print(len(done), len(pending), [t.result() for t in done])
    for t in pending:
        t.cancel()


asyncio.run(main())
