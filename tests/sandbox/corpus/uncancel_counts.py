import asyncio


async def stubborn_download():
    me = asyncio.current_task()
    for attempt in range(1, 4):
        try:
            await asyncio.sleep(0.05)
            print("attempt", attempt, "finished")
            return attempt
        except asyncio.CancelledError:
            print(f"attempt {attempt} cancelled, cancelling() = {me.cancelling()}")
            left = me.uncancel()
            print("  after uncancel(), cancelling() =", left)


async def main():
    task = asyncio.create_task(stubborn_download())
    await asyncio.sleep(0.01)
    task.cancel()
    await asyncio.sleep(0.01)
    task.cancel()
    print("result:", await task)
    print("cancelled?", task.cancelled(), "| cancelling():", task.cancelling())

    me = asyncio.current_task()
    try:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(1)
    except TimeoutError:
        print("timeout() cleaned up after itself, cancelling() =", me.cancelling())


asyncio.run(main())
