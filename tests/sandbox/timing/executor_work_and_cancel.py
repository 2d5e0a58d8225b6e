# An executor thread does real work while the loop waits with a timeout (the
# clock must not jump past the work), and queued work cancelled before it ran
# must not count as work for ever (later sleeps stay instant).
import asyncio
from concurrent.futures import ThreadPoolExecutor


def crunch(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


async def main():
    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers=1)
    first = pool.submit(crunch, 1_000_000)
    queued = [pool.submit(crunch, 10) for _ in range(3)]
    try:
        value = await asyncio.wait_for(asyncio.wrap_future(first), timeout=30)
        print("the thread answered before the 30 s timeout:", value)
    except TimeoutError:
        print("timed out waiting for the thread")

    blocker = pool.submit(crunch, 300_000)
    while not blocker.running():  # noqa: ASYNC110 - polls a thread, not a task
        await asyncio.sleep(0.001)
    queued += [pool.submit(crunch, 10) for _ in range(3)]
    pool.shutdown(wait=False, cancel_futures=True)
    start = loop.time()
    await asyncio.sleep(3)
    print(f"slept {round(loop.time() - start, 1)} s")
    print("the running item finished:", blocker.result() > 0)
    print("cancelled before they ran:", sum(f.cancelled() for f in queued))


asyncio.run(main())
