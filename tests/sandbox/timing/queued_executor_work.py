# More work items than workers: the queued ones wait for a worker, and on
# virtual time the clock still jumps while every worker sleeps.
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


async def main():
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=3) as pool:
        start = loop.time()
        jobs = [loop.run_in_executor(pool, time.sleep, 0.5) for _ in range(7)]
        await asyncio.gather(*jobs)
        print(f"7 sleeps of 0.5 s on 3 workers took {loop.time() - start:.1f} s")
        start = loop.time()
        await asyncio.gather(*(asyncio.to_thread(time.sleep, 0.2) for _ in range(2)))
        print(f"2 sleeps of 0.2 s in to_thread took {loop.time() - start:.1f} s")


asyncio.run(main())
