import asyncio
import time


async def producer(queue):
    for item in range(3):
        await asyncio.sleep(0.1)
        await queue.put(item)


async def main():
    queue = asyncio.Queue()
    start = time.perf_counter()
    task = asyncio.create_task(producer(queue))
    got = []
    while True:
        try:
            got.append(await asyncio.wait_for(queue.get(), timeout=0.2))
        except TimeoutError:
            break
    await task
    print("got", got, f"in {time.perf_counter() - start:.1f} s")


asyncio.run(main())
